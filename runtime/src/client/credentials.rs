//! Region and credentials, resolved as the AWS CLI resolves them, by
//! `aws-config`'s own default chains (so every source behaves as in the AWS
//! SDKs; nothing here re-implements a provider):
//!
//! - **Region**: the builder's `region` (the CLI's `--region`), then
//!   `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, then EC2
//!   instance metadata (IMDSv2), as `aws-config`'s `DefaultRegionChain`.
//! - **Credentials**: the environment (`AWS_ACCESS_KEY_ID`, …), the shared
//!   profile (static keys, `credential_process`, `role_arn` with
//!   `source_profile` or `credential_source`, `web_identity_token_file`, SSO
//!   with `sso_session` or the legacy keys), a web identity token
//!   (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`, as on EKS), container
//!   credentials (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`, as
//!   on ECS) and EC2 instance metadata (IMDSv2), as `aws-config`'s
//!   `DefaultCredentialsChain`. An explicit profile (the CLI's `--profile`)
//!   takes credentials from that profile only, as the AWS CLI does.
//! - A profile that is named (builder or `AWS_PROFILE`) but defined in
//!   neither file is an error before anything is sent, with the AWS CLI's
//!   words: "The config profile (nope) could not be found".
//!
//! Their STS, SSO, container and metadata calls go through the client's own
//! transport. Credentials are cached by the client and fetched again five
//! minutes before they expire (`CredentialsCache` in `client.rs`).

use std::borrow::Cow;

use aws_config::default_provider::credentials::DefaultCredentialsChain;
use aws_config::meta::region::RegionProviderChain;
#[allow(deprecated)] // the same type as aws-runtime's EnvConfigFiles, without the extra dependency
use aws_config::profile::profile_file::ProfileFiles;
use aws_config::provider_config::ProviderConfig;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_types::os_shim_internal::{Env, Fs};

use super::ConfigError;

/// Reads an environment variable; unset and empty are the same.
fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The profile in effect: the explicit one, else `AWS_PROFILE`
/// (`AWS_DEFAULT_PROFILE` as the AWS CLI also reads it), else none
/// (`default`).
pub(crate) fn selected_profile(explicit: Option<&str>) -> Option<String> {
    explicit
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .or_else(|| env_var("AWS_PROFILE"))
        .or_else(|| env_var("AWS_DEFAULT_PROFILE"))
}

/// The shared config and credentials files, parsed (`None` when neither
/// exists). Fails, as the AWS CLI does, when a profile is named but defined
/// in neither file, and when a file cannot be parsed.
pub(crate) async fn load_profiles(
    profile: Option<&str>,
) -> Result<Option<aws_config::profile::ProfileSet>, ConfigError> {
    #[allow(deprecated)]
    let files = ProfileFiles::default();
    let loaded = aws_config::profile::load(
        &Fs::real(),
        &Env::real(),
        &files,
        profile.map(|name| Cow::Owned(name.to_owned())),
    )
    .await;
    let set = match loaded {
        Ok(set) => set,
        Err(e) => return Err(ConfigError::ProfileFile(e.to_string())),
    };
    if let Some(name) = profile {
        if set.get_profile(name).is_none() {
            return Err(ConfigError::ProfileNotFound(name.to_owned()));
        }
    }
    Ok(Some(set))
}

/// The region: explicit, else `aws-config`'s default region chain for the
/// profile.
pub(crate) async fn region(
    explicit: Option<String>,
    profile: Option<&str>,
    provider_config: &ProviderConfig,
) -> Result<String, ConfigError> {
    if let Some(region) = explicit.filter(|r| !r.is_empty()) {
        return Ok(region);
    }
    // aws-config's DefaultRegionChain, built from its public parts.
    let mut from_profile = aws_config::profile::ProfileFileRegionProvider::builder().configure(provider_config);
    if let Some(profile) = profile {
        from_profile = from_profile.profile_name(profile);
    }
    let chain = RegionProviderChain::first_try(aws_config::environment::EnvironmentVariableRegionProvider::new())
        .or_else(from_profile.build())
        .or_else(aws_config::imds::region::ImdsRegionProvider::builder().configure(provider_config).build());
    chain.region().await.map(|r| r.to_string()).ok_or(ConfigError::NoRegion)
}

/// The credentials provider: the named profile's alone when the profile was
/// given explicitly, else `aws-config`'s default chain.
pub(crate) async fn provider(
    explicit_profile: Option<&str>,
    env_profile: Option<&str>,
    provider_config: &ProviderConfig,
) -> SharedCredentialsProvider {
    if let Some(profile) = explicit_profile {
        let provider = aws_config::profile::ProfileFileCredentialsProvider::builder()
            .configure(provider_config)
            .profile_name(profile)
            .build();
        return SharedCredentialsProvider::new(provider);
    }
    let mut chain = DefaultCredentialsChain::builder().configure(provider_config.clone());
    if let Some(profile) = env_profile {
        chain = chain.profile_name(profile);
    }
    SharedCredentialsProvider::new(chain.build().await)
}
