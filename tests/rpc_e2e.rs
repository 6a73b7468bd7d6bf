//! The generated awsJson clients end to end against moto's server (see
//! `tests/src/moto.rs`; these tests fail, never skip, without it):
//! DynamoDB (awsJson 1.0: CreateTable, PutItem, Query paginated with map
//! tokens, a typed error) and SQS (awsJson 1.0, awsQueryCompatible:
//! CreateQueue, SendMessage with binary attributes, ReceiveMessage, a typed
//! error through `x-amzn-query-error`).

use dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, CreateTableInput, DescribeTableInput, KeySchemaElement, KeyType,
    PutItemInput, QueryInput, ScalarAttributeType,
};
use futures::TryStreamExt as _;
use indexmap::IndexMap;
use tests::moto::Moto;

const ITEMS: usize = 25;

async fn config(moto: &Moto) -> awsgen_runtime::client::Config {
    awsgen_runtime::client::Config::builder()
        .region("us-east-1")
        .endpoint_url(moto.endpoint())
        .credentials(awsgen_runtime::client::Credentials::from_keys("AKIDMOTOTEST", "moto-secret", None))
        .load()
        .await
        .expect("config")
}

fn s(text: &str) -> AttributeValue {
    AttributeValue { s: Some(text.into()), ..Default::default() }
}

fn n(i: usize) -> AttributeValue {
    AttributeValue { n: Some(i.to_string()), ..Default::default() }
}

fn query() -> QueryInput {
    QueryInput {
        key_condition_expression: Some("artist = :a".into()),
        expression_attribute_values: Some(IndexMap::from([(":a".to_string(), s("band"))])),
        ..QueryInput::new("music".into())
    }
}

fn numbers(items: &[IndexMap<String, AttributeValue>]) -> Vec<usize> {
    items.iter().map(|item| item["n"].n.as_deref().unwrap().parse().unwrap()).collect()
}

#[tokio::test]
async fn dynamodb_create_put_and_query_paginated_through_moto() {
    let moto = Moto::start();
    let client = dynamodb::Client::new(&config(&moto).await);

    let created = client
        .create_table(CreateTableInput {
            attribute_definitions: Some(vec![
                AttributeDefinition::new("artist".into(), ScalarAttributeType::S),
                AttributeDefinition::new("n".into(), ScalarAttributeType::N),
            ]),
            key_schema: Some(vec![
                KeySchemaElement::new("artist".into(), KeyType::Hash),
                KeySchemaElement::new("n".into(), KeyType::Range),
            ]),
            billing_mode: Some(BillingMode::PayPerRequest),
            ..CreateTableInput::new("music".into())
        })
        .await
        .unwrap_or_else(|e| panic!("CreateTable: {e}\n{}", moto.log_tail()));
    let table = created.table_description.expect("TableDescription");
    assert_eq!(table.table_name.as_deref(), Some("music"));
    assert!(table.creation_date_time.is_some(), "an epoch-seconds timestamp read back");

    for i in 0..ITEMS {
        let item = IndexMap::from([
            ("artist".to_string(), s("band")),
            ("n".to_string(), n(i)),
            ("blob".to_string(), AttributeValue { b: Some(vec![0, 255, i as u8]), ..Default::default() }),
            ("tags".to_string(), AttributeValue { ss: Some(vec!["a".into(), format!("t{i}")]), ..Default::default() }),
        ]);
        client.put_item(PutItemInput::new(item, "music".into())).await.expect("PutItem");
    }

    // Every item once, in key order, four per page: seven Query calls,
    // resumed with the previous page's LastEvaluatedKey map.
    let config = dynamodb::paginators::PaginationConfig::default().page_size(4);
    let pages: Vec<_> = client.query_paginator(query(), config).pages().try_collect().await.expect("pages");
    assert_eq!(pages.len(), 7);
    let items: Vec<_> = pages.into_iter().flat_map(|p| p.items.unwrap_or_default()).collect();
    assert_eq!(numbers(&items), (0..ITEMS).collect::<Vec<_>>());
    assert_eq!(items[7]["blob"].b.as_deref(), Some(&[0, 255, 7][..]), "blobs round-trip as base64");
    assert_eq!(items[7]["tags"].ss.as_deref(), Some(&["a".to_string(), "t7".to_string()][..]));

    // MaxItems stops mid-page with a DynamoDB map token, and resuming gives
    // exactly the rest.
    let config = dynamodb::paginators::PaginationConfig::default().page_size(4).max_items(10);
    let mut stream = client.query_paginator(query(), config).items();
    let mut first = Vec::new();
    while let Some(item) = stream.try_next().await.expect("item") {
        first.push(item);
    }
    assert_eq!(numbers(&first), (0..10).collect::<Vec<_>>());
    let token = stream.resume_token().expect("a resume token").to_owned();
    let config = dynamodb::paginators::PaginationConfig::default().page_size(4).starting_token(token);
    let rest: Vec<_> = client.query_paginator(query(), config).items().try_collect().await.expect("rest");
    assert_eq!(numbers(&rest), (10..ITEMS).collect::<Vec<_>>());

    // A modelled error, by its `__type`.
    let missing = client.describe_table(DescribeTableInput::new("nope".into())).await.unwrap_err();
    match missing {
        dynamodb::client::SdkError::Service(dynamodb::operations::DescribeTableError::ResourceNotFoundException(e)) => {
            assert!(e.message.is_some(), "{e:?}")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn sqs_create_send_and_receive_through_moto() {
    use sqs::types::{CreateQueueRequest, MessageAttributeValue, ReceiveMessageRequest, SendMessageRequest};

    let moto = Moto::start();
    let client = sqs::Client::new(&config(&moto).await);
    let queue = client
        .create_queue(CreateQueueRequest::new("jobs".into()))
        .await
        .unwrap_or_else(|e| panic!("CreateQueue: {e}\n{}", moto.log_tail()));
    let url = queue.queue_url.expect("QueueUrl");
    assert!(url.ends_with("/jobs"), "{url}");

    let bodies = ["first é", "second {\"json\": true}", "third"];
    for (i, body) in bodies.iter().enumerate() {
        let mut attr = MessageAttributeValue::new("Binary".into());
        attr.binary_value = Some(vec![1, 2, 3, i as u8]);
        let sent = client
            .send_message(SendMessageRequest {
                message_attributes: Some(IndexMap::from([("raw".to_string(), attr)])),
                ..SendMessageRequest::new((*body).into(), url.clone())
            })
            .await
            .expect("SendMessage");
        assert!(sent.message_id.is_some());
        assert_eq!(sent.md5_of_message_body.as_deref().map(str::len), Some(32));
    }

    let mut received = Vec::new();
    while received.len() < bodies.len() {
        let out = client
            .receive_message(ReceiveMessageRequest {
                max_number_of_messages: Some(10),
                message_attribute_names: Some(vec!["All".into()]),
                ..ReceiveMessageRequest::new(url.clone())
            })
            .await
            .expect("ReceiveMessage");
        let messages = out.messages.unwrap_or_default();
        assert!(!messages.is_empty(), "the queue ran dry after {} messages", received.len());
        received.extend(messages);
    }
    let mut got: Vec<_> = received.iter().map(|m| m.body.clone().unwrap()).collect();
    got.sort();
    let mut want: Vec<_> = bodies.iter().map(|b| b.to_string()).collect();
    want.sort();
    assert_eq!(got, want);
    for m in &received {
        let raw = &m.message_attributes.as_ref().expect("attributes")["raw"];
        assert_eq!(raw.data_type, "Binary");
        assert_eq!(&raw.binary_value.as_deref().unwrap()[..3], &[1, 2, 3]);
    }

    // A modelled error: moto sends `x-amzn-query-error`, matched as botocore does.
    let err = client.send_message(SendMessageRequest::new("x".into(), format!("{url}-missing"))).await.unwrap_err();
    match err {
        sqs::client::SdkError::Service(e @ sqs::operations::SendMessageError::QueueDoesNotExist(_)) => {
            assert_eq!(e.code(), "QueueDoesNotExist")
        }
        other => panic!("{other:?}\n{}", moto.log_tail()),
    }
}
