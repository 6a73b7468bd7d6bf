//! The XML family's generated clients end to end against moto's server:
//! S3 (restXml), IAM and STS (awsQuery), EC2 (ec2Query). Each test starts
//! its own moto on a free port of 127.0.0.1 (see `tests/src/moto.rs`); the
//! tests FAIL, never skip, when moto is not installed.

use std::collections::BTreeSet;

use futures::TryStreamExt as _;
use tests::moto::Moto;

macro_rules! client {
    ($krate:ident, $moto:expr) => {{
        let config = $krate::client::Config::builder()
            .region("us-east-1")
            .endpoint_url($moto.endpoint())
            .credentials($krate::client::Credentials::from_keys("AKIDMOTOTEST", "moto-secret", None))
            .load()
            .await
            .expect("config");
        $krate::Client::new(&config)
    }};
}

#[tokio::test]
async fn s3_bucket_objects_and_paginated_listing() {
    use s3::types::{CreateBucketRequest, GetObjectRequest, ListObjectsV2Request, PutObjectRequest};
    let moto = Moto::start();
    let client = client!(s3, moto);

    let created = client.create_bucket(CreateBucketRequest::new("awsgen-bucket".into())).await.expect("CreateBucket");
    assert_eq!(created.location.as_deref(), Some("/awsgen-bucket"));
    // A missing bucket: the modelled error from S3's bare <Error> body.
    let missing = client.list_objects_v2(ListObjectsV2Request::new("no-such-bucket".into())).await;
    match missing {
        Err(s3::client::SdkError::Service(s3::operations::ListObjectsV2Error::NoSuchBucket(_))) => {}
        other => panic!("expected NoSuchBucket, got {other:?}"),
    }

    // `+` and `%` in keys: the client asks for URL-encoded keys (botocore's
    // EncodingType=url customization) and must decode them exactly once.
    let keys: Vec<String> = (0..7).map(|i| format!("dir/key {i} & <x>+y%2B.txt")).collect();
    for (i, key) in keys.iter().enumerate() {
        let put = PutObjectRequest::new("awsgen-bucket".into(), key.clone()).with_body(format!("body {i}").into_bytes()).with_content_type("text/plain".into());
        client.put_object(put).await.expect("PutObject");
    }

    let got = client.get_object(GetObjectRequest::new("awsgen-bucket".into(), keys[3].clone())).await.expect("GetObject");
    assert_eq!(got.body.as_deref(), Some(&b"body 3"[..]));
    // Stored with the CRC32 the client sent; asked for (ChecksumMode) and checked on the way back.
    assert!(got.checksum_crc32.is_some(), "moto returned no checksum: {got:?}");
    assert_eq!(got.content_type.as_deref(), Some("text/plain"));
    assert_eq!(got.content_length, Some(6));

    let missing = client.get_object(GetObjectRequest::new("awsgen-bucket".into(), "nope".into())).await;
    match missing {
        Err(s3::client::SdkError::Service(s3::operations::GetObjectError::NoSuchKey(_))) => {}
        other => panic!("expected NoSuchKey, got {other:?}"),
    }

    // Paginated: 3 keys a page -> 3 requests, every key exactly once, in order.
    let request = ListObjectsV2Request::new("awsgen-bucket".into()).with_max_keys(3);
    let pages: Vec<_> = client
        .list_objects_v2_paginator(request.clone(), s3::client::PaginationConfig::default())
        .pages()
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(pages.len(), 3);
    assert!(pages[0].next_continuation_token.is_some());
    assert_eq!(pages[0].encoding_type.as_ref().map(|e| e.as_str()), Some("url"), "S3 (moto) encoded the keys it was asked to");
    let listed: Vec<String> = pages.iter().flat_map(|p| p.contents.iter().flatten()).filter_map(|o| o.key.clone()).collect();
    let mut want = keys.clone();
    want.sort();
    assert_eq!(listed, want);
    let first = &pages[0].contents.as_ref().unwrap()[0];
    assert_eq!(first.size, Some(6));
    assert!(first.last_modified.is_some());

    // MaxItems stops mid-page and resumes exactly where it stopped.
    let config = s3::client::PaginationConfig::default().max_items(4);
    let mut items = client.list_objects_v2_paginator(request.clone(), config).items();
    let mut seen = Vec::new();
    while let Some(o) = items.try_next().await.expect("items") {
        seen.push(o.key.unwrap());
    }
    let token = items.resume_token().expect("truncated").to_owned();
    let config = s3::client::PaginationConfig::default().starting_token(token);
    let rest: Vec<_> = client.list_objects_v2_paginator(request, config).items().try_collect().await.expect("rest");
    seen.extend(rest.into_iter().map(|o| o.key.unwrap()));
    assert_eq!(seen, want);

    // Asked for by the caller, encoded keys stay encoded (as in botocore).
    let asked = ListObjectsV2Request::new("awsgen-bucket".into()).with_encoding_type("url".into());
    let raw = client.list_objects_v2(asked).await.expect("ListObjectsV2 encoding-type=url");
    let raw_keys: Vec<Option<String>> = raw.contents.iter().flatten().map(|o| o.key.clone()).collect();
    assert!(raw_keys.iter().all(|k| k.as_deref().is_some_and(|k| !k.contains('<'))), "{raw_keys:?}");
    let decoded: Vec<String> = raw_keys
        .into_iter()
        .map(|mut k| {
            awsgen_runtime::http::url_decode(&mut k);
            k.unwrap()
        })
        .collect();
    assert_eq!(decoded, want);

    // DeleteObjects requires a request checksum (CRC32 by default, as botocore).
    use s3::types::{Delete, DeleteObjectsRequest, ObjectIdentifier};
    let delete = Delete::new(keys[..2].iter().map(|k| ObjectIdentifier::new(k.clone())).collect());
    let deleted = client.delete_objects(DeleteObjectsRequest::new("awsgen-bucket".into(), delete)).await.expect("DeleteObjects");
    let gone: BTreeSet<String> = deleted.deleted.iter().flatten().filter_map(|d| d.key.clone()).collect();
    assert_eq!(gone, keys[..2].iter().cloned().collect());
    let left = client.list_objects_v2(ListObjectsV2Request::new("awsgen-bucket".into())).await.expect("ListObjectsV2");
    assert_eq!(left.key_count, Some(5));
}

#[tokio::test]
async fn iam_users_paginated_with_is_truncated() {
    use iam::types::{CreateUserRequest, ListUsersRequest, Tag};
    let moto = Moto::start();
    let client = client!(iam, moto);
    let mut names = BTreeSet::new();
    for i in 0..5 {
        let name = format!("user-{i}");
        let request = CreateUserRequest::new(name.clone()).with_path("/awsgen/".into()).with_tags(vec![Tag::new("index".into(), i.to_string())]);
        let created = client.create_user(request).await.expect("CreateUser");
        let user = created.user.expect("user");
        assert_eq!(user.user_name, name);
        assert_eq!(user.path, "/awsgen/");
        assert!(user.arn.ends_with(&format!(":user/awsgen/{name}")), "{}", user.arn);
        names.insert(name);
    }
    // A duplicate: a modelled error from <ErrorResponse><Error>.
    let err = client.create_user(CreateUserRequest::new("user-0".into())).await.expect_err("duplicate");
    match err {
        iam::client::SdkError::Service(iam::operations::CreateUserError::EntityAlreadyExistsException(e)) => {
            assert!(e.message.as_deref().unwrap_or_default().contains("user-0"), "{e:?}");
        }
        other => panic!("expected EntityAlreadyExists, got {other:?}"),
    }

    // moto 5.2.5 ignores MaxItems and Marker on ListUsers (one page,
    // IsTruncated false), so this checks the stop rule; `iam_paging_canned`
    // below checks IsTruncated/Marker paging over several pages.
    let config = iam::client::PaginationConfig::default().page_size(2);
    let pages: Vec<_> = client
        .list_users_paginator(ListUsersRequest::default(), config)
        .pages()
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].is_truncated, Some(false));
    let listed: BTreeSet<String> = pages.iter().flat_map(|p| &p.users).map(|u| u.user_name.clone()).collect();
    assert_eq!(listed, names);
}

#[tokio::test]
async fn sts_get_caller_identity() {
    let moto = Moto::start();
    let client = client!(sts, moto);
    let identity = client.get_caller_identity(Default::default()).await.expect("GetCallerIdentity");
    assert_eq!(identity.account.as_deref(), Some("123456789012"));
    assert!(identity.arn.as_deref().unwrap_or_default().starts_with("arn:aws:"), "{identity:?}");
    assert!(identity.user_id.is_some());
}

#[tokio::test]
async fn ec2_run_and_describe_instances_paginated() {
    use ec2::types::{DescribeInstancesRequest, RunInstancesRequest};
    let moto = Moto::start();
    let client = client!(ec2, moto);
    let mut ids = BTreeSet::new();
    // 7 reservations (moto pages DescribeInstances by reservation).
    for i in 0..7 {
        let count = if i == 0 { 2 } else { 1 };
        let request = RunInstancesRequest::new(count, count).with_image_id("ami-12c6146b".into()).with_instance_type("t2.micro".into());
        let reservation = client.run_instances(request).await.expect("RunInstances");
        assert!(reservation.reservation_id.is_some());
        let instances = reservation.instances.expect("instances");
        assert_eq!(instances.len(), count as usize);
        ids.extend(instances.into_iter().map(|i| i.instance_id.expect("id")));
    }
    assert_eq!(ids.len(), 8);

    // ec2's <Response><Errors><Error> form.
    let bad = DescribeInstancesRequest::default().with_instance_ids(vec!["i-00000000000000000".into()]);
    let err = client.describe_instances(bad).await.expect_err("unknown instance");
    let code = err.service_error().map(|e| e.code().to_owned());
    assert_eq!(code.as_deref(), Some("InvalidInstanceID.NotFound"), "{err:?}");

    let request = DescribeInstancesRequest::default().with_max_results(5);
    let pages: Vec<_> = client
        .describe_instances_paginator(request, ec2::client::PaginationConfig::default())
        .pages()
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(pages.len(), 2, "NextToken paging, 5 reservations a page");
    assert!(pages[0].next_token.is_some());
    let listed: BTreeSet<String> = pages
        .iter()
        .flat_map(|p| p.reservations.iter().flatten())
        .flat_map(|r| r.instances.iter().flatten())
        .filter_map(|i| i.instance_id.clone())
        .collect();
    assert_eq!(listed, ids);
}

/// IAM's IsTruncated/Marker paging (botocore's `more_results`) through the
/// generated operation and paginator over canned awsQuery pages.
#[test]
fn iam_paging_canned() {
    use iam::operations::{ListUsers, Operation as _};
    use iam::paginators::{self, PaginationConfig};
    let page = |users: &[&str], marker: Option<&str>| {
        let members: String = users
            .iter()
            .map(|u| format!("<member><Path>/</Path><UserName>{u}</UserName><UserId>ID{u}</UserId><Arn>arn:aws:iam::123456789012:user/{u}</Arn><CreateDate>2024-05-01T12:00:00Z</CreateDate></member>"))
            .collect();
        let tail = match marker {
            Some(m) => format!("<IsTruncated>true</IsTruncated><Marker>{m}</Marker>"),
            None => "<IsTruncated>false</IsTruncated>".into(),
        };
        format!("<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListUsersResult><Users>{members}</Users>{tail}</ListUsersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListUsersResponse>")
    };
    let mut requests = Vec::new();
    let fetch = |request: iam::types::ListUsersRequest| {
        let http = ListUsers::build_request(&request).expect("request");
        let body = String::from_utf8(http.body().clone()).unwrap();
        requests.push(body);
        let xml = match request.marker.as_deref() {
            None => page(&["a", "b"], Some("m1")),
            Some("m1") => page(&["c", "d"], Some("m2")),
            Some(_) => page(&["e"], None),
        };
        let response = http::Response::builder().status(200).body(xml.into_bytes()).unwrap();
        ListUsers::parse_response(&response)
    };
    let config = PaginationConfig::default().page_size(2);
    let names: Vec<String> = paginators::list_users(Default::default(), config)
        .items(fetch)
        .map(|u| u.map(|u| u.user_name))
        .collect::<Result<_, _>>()
        .expect("items");
    assert_eq!(names, ["a", "b", "c", "d", "e"]);
    assert_eq!(
        requests,
        [
            "Action=ListUsers&Version=2010-05-08&MaxItems=2",
            "Action=ListUsers&Version=2010-05-08&Marker=m1&MaxItems=2",
            "Action=ListUsers&Version=2010-05-08&Marker=m2&MaxItems=2",
        ]
    );
}
