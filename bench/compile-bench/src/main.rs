//! Compile-time benchmark: each crate this repository generates (the list is
//! `codegen.toml`) against aws-sdk-bedrock, each rebuilt alone with its
//! dependencies already built, for `cargo build --release`, `cargo build`
//! (dev) and `cargo check`.
//!
//! Run from the repository root:
//!
//! ```text
//! cargo run --release --manifest-path bench/Cargo.toml -p compile-bench -- --rounds 3
//! cargo run --release --manifest-path bench/Cargo.toml -p compile-bench -- --profiles release --crates bedrock,aws-sdk-bedrock
//! cargo run --release --manifest-path bench/Cargo.toml -p compile-bench -- --dry-run
//! ```
//!
//! How: a probe workspace in `target/compile-bench/probe` depends on every
//! measured crate (its `Cargo.lock` starts as a copy of `bench/Cargo.lock`,
//! so aws-sdk-bedrock and the shared dependencies are the versions the paging
//! benchmark uses). One warm-up build per profile builds every dependency.
//! Then, in each round, for each profile and each crate (the crate order
//! reverses every round, so that drift in the machine's load spreads over
//! all of them): `cargo clean -p X [--release]`, then `cargo build|check -p X
//! [--release]`, timed. A name `X+calls` measures X together with a probe
//! crate that calls every operation of X (their request and response code is
//! `#[inline]`, so rustc compiles it where an operation is called): what a
//! program that uses the whole crate pays. CPU is user + system time of the
//! whole cargo process tree (`wait4(2)` on cargo, which waits for its rustc children), wall is
//! elapsed time, and peak RSS is the largest resident set of any process of
//! that tree (in practice X's rustc).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The comparison: what `bench/Cargo.toml` depends on.
const SDK: &str = "aws-sdk-bedrock";
const SDK_DEPENDENCY: &str =
    r#"{ version = "1.166", default-features = false, features = ["rt-tokio", "behavior-version-latest"] }"#;

/// `NAME+calls`: the generated crate NAME and a crate calling every one of its
/// operations, built together (see [`caller_lib`]).
const CALLS: &str = "+calls";

/// The packages `cargo clean` removes for a measured name, and the one
/// `cargo build` builds.
fn packages(name: &str) -> (Vec<String>, String) {
    match name.strip_suffix(CALLS) {
        Some(base) => (vec![base.to_owned(), format!("calls-{base}")], format!("calls-{base}")),
        None => (vec![name.to_owned()], name.to_owned()),
    }
}

#[derive(serde::Deserialize)]
struct CodegenToml {
    #[serde(rename = "crate")]
    crates: Vec<CrateEntry>,
}

#[derive(serde::Deserialize)]
struct CrateEntry {
    name: String,
    out: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Profile {
    Release,
    Dev,
    Check,
}

impl Profile {
    fn parse(s: &str) -> Result<Self, String> {
        match s {
            "release" => Ok(Profile::Release),
            "dev" => Ok(Profile::Dev),
            "check" => Ok(Profile::Check),
            _ => Err(format!("unknown profile `{s}` (release, dev, check)")),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Profile::Release => "release",
            Profile::Dev => "dev",
            Profile::Check => "check",
        }
    }

    /// The cargo subcommand and flags that build with this profile.
    fn build_args(self) -> &'static [&'static str] {
        match self {
            Profile::Release => &["build", "--release"],
            Profile::Dev => &["build"],
            Profile::Check => &["check"],
        }
    }

    fn clean_args(self) -> &'static [&'static str] {
        match self {
            Profile::Release => &["clean", "--release"],
            Profile::Dev | Profile::Check => &["clean"],
        }
    }
}

/// One measured cargo run.
#[derive(Clone, Copy, Debug)]
struct Sample {
    cpu: f64,
    wall: f64,
    rss_mb: f64,
}

struct Options {
    rounds: usize,
    profiles: Vec<Profile>,
    crates: Option<Vec<String>>,
    dry_run: bool,
    /// The repository whose generated crates are measured (default: this
    /// one); e.g. a copy of an older commit, to compare before and after.
    root: Option<PathBuf>,
    /// Where the probe workspace and the target directory go.
    work: Option<PathBuf>,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        rounds: 3,
        profiles: vec![Profile::Release, Profile::Dev, Profile::Check],
        crates: None,
        dry_run: false,
        root: None,
        work: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--rounds" => {
                options.rounds = value("--rounds")?.parse().map_err(|e| format!("--rounds: {e}"))?;
                if options.rounds == 0 {
                    return Err("--rounds must be at least 1".into());
                }
            }
            "--profiles" => {
                options.profiles = value("--profiles")?.split(',').map(Profile::parse).collect::<Result<_, _>>()?
            }
            "--crates" => options.crates = Some(value("--crates")?.split(',').map(str::to_owned).collect()),
            "--dry-run" => options.dry_run = true,
            "--root" => options.root = Some(PathBuf::from(value("--root")?)),
            "--work" => options.work = Some(PathBuf::from(value("--work")?)),
            "-h" | "--help" => {
                println!(
                    "usage: compile-bench [--rounds N (3)] [--profiles release,dev,check] [--crates NAME,...] [--dry-run]\n\
                     \x20      [--root REPO (this repository)] [--work DIR (REPO/target/compile-bench)]\n\
                     --dry-run: read codegen.toml, write the probe workspace, print the plan; build nothing\n\
                     --root: measure the generated crates of another checkout (e.g. `git archive` of an older commit)"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}` (see --help)")),
        }
    }
    Ok(options)
}

/// The generated crates, from `codegen.toml` (name and directory), or the
/// two this repository generated before that file existed.
fn generated_crates(root: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let path = root.join("codegen.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(vec![
                ("bedrock".into(), root.join("generated/bedrock")),
                ("kitchen-sink".into(), root.join("tests/kitchen-sink")),
            ])
        }
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let config: CodegenToml = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if config.crates.is_empty() {
        return Err(format!("{}: no [[crate]] entries", path.display()));
    }
    Ok(config.crates.into_iter().map(|c| (c.name, root.join(c.out))).collect())
}

/// Writes the probe workspace (unchanged files are not rewritten, so cargo's
/// fingerprints stay valid) and returns its manifest path.
fn write_probe(root: &Path, dir: &Path, crates: &[(String, PathBuf)]) -> Result<PathBuf, String> {
    let io = |e: std::io::Error| format!("{}: {e}", dir.display());
    std::fs::create_dir_all(dir.join("src")).map_err(io)?;
    let mut manifest = String::from(
        "# Written by bench/compile-bench: depends on every measured crate.\n\
         [package]\nname = \"compile-bench-probe\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\n",
    );
    for (name, path) in crates {
        manifest.push_str(&format!("{name} = {{ path = {:?} }}\n", path.display().to_string()));
    }
    let mut callers = Vec::new();
    for (name, path) in crates {
        if let Some(lib) = caller_lib(name, path)? {
            manifest.push_str(&format!("calls-{name} = {{ path = \"calls-{name}\" }}\n"));
            callers.push((name, path, lib));
        }
    }
    manifest.push_str(&format!("{SDK} = {SDK_DEPENDENCY}\n"));
    let write = |path: PathBuf, text: &str| -> Result<(), String> {
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text) {
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(())
    };
    write(dir.join("Cargo.toml"), &manifest)?;
    write(dir.join("src/lib.rs"), "")?;
    let runtime = root.join("runtime").display().to_string();
    for (name, path, lib) in callers {
        let caller = dir.join(format!("calls-{name}"));
        std::fs::create_dir_all(caller.join("src")).map_err(io)?;
        let path = path.display().to_string();
        write(
            caller.join("Cargo.toml"),
            &format!(
                "# Written by bench/compile-bench: calls every operation of {name}.\n\
                 [package]\nname = \"calls-{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
                 [dependencies]\n{name} = {{ path = {path:?} }}\nawsgen-runtime = {{ path = {runtime:?} }}\n"
            ),
        )?;
        write(caller.join("src/lib.rs"), &lib)?;
    }
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(root.join("bench/Cargo.lock"), &lock).map_err(io)?;
    }
    Ok(dir.join("Cargo.toml"))
}

/// The library of a probe crate that calls every operation of the generated
/// crate at `path` (`None` when it has none): each operation's
/// `build_request` and `parse_response`, and its error's `Display` and
/// `Error::source`, taken as function pointers, so that
/// rustc compiles them, and everything they reach, where they are called,
/// as it would in a program that sends every request.
fn caller_lib(name: &str, path: &Path) -> Result<Option<String>, String> {
    let dir = path.join("src/operations");
    let Ok(entries) = std::fs::read_dir(&dir) else { return Ok(None) };
    let mut ops = Vec::new();
    for entry in entries {
        let file = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if file.extension().is_none_or(|e| e != "rs") || file.ends_with("mod.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        ops.extend(text.lines().filter_map(|l| l.strip_prefix("pub struct ")?.strip_suffix(';')).map(str::to_owned));
    }
    if ops.is_empty() {
        return Ok(None);
    }
    ops.sort();
    let krate = name.replace('-', "_");
    let mut lib = String::from(
        "//! Written by bench/compile-bench.\n\
         use awsgen_runtime::http::Operation;\n\n\
         fn call<O: Operation>() -> [usize; 4] {\n    [\n        O::build_request as *const () as usize,\n        O::parse_response as *const () as usize,\n        <O::Error as std::fmt::Display>::fmt as *const () as usize,\n        <O::Error as std::error::Error>::source as *const () as usize,\n    ]\n}\n\n\
         /// Every operation's request, response and error code.\npub fn every_operation() -> Vec<[usize; 4]> {\n    vec![\n",
    );
    for op in &ops {
        lib.push_str(&format!("        call::<{krate}::operations::{op}>(),\n"));
    }
    lib.push_str("    ]\n}\n");
    Ok(Some(lib))
}

/// Runs cargo and measures it (CPU and peak RSS of the whole process tree).
fn run_cargo(args: &[&str], manifest: &Path, target: &Path, quiet: bool, incremental: bool) -> Result<Sample, String> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.args(args).arg("--manifest-path").arg(manifest).env("CARGO_TARGET_DIR", target);
    if !incremental {
        command.env("CARGO_INCREMENTAL", "0");
    }
    // The outer `cargo run` sets these for us; the builds must not see them.
    for var in ["CARGO_MANIFEST_DIR", "CARGO_PKG_NAME", "CARGO_PRIMARY_PACKAGE"] {
        command.env_remove(var);
    }
    if quiet {
        command.arg("--quiet").stdout(Stdio::null());
    }
    let start = Instant::now();
    let child = command.spawn().map_err(|e| format!("cannot run cargo: {e}"))?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value; wait4 fills it in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet waited for (`child` is never waited
    // on through std), and both pointers are to live locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed().as_secs_f64();
    if waited != pid {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("`cargo {}` failed (status {status})", args.join(" ")));
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Sample {
        cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
        wall,
        rss_mb: usage.ru_maxrss as f64 / 1024.0,
    })
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn range(values: &[f64], digits: usize) -> String {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!("{min:.digits$}-{max:.digits$}")
}

fn main() {
    if let Err(e) = run() {
        eprintln!("compile-bench: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let options = parse_args()?;
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = options.root.clone().unwrap_or(here);
    let root = root.canonicalize().map_err(|e| format!("{}: {e}", root.display()))?;
    let generated = generated_crates(&root)?;
    let mut crates: Vec<String> = generated.iter().map(|(name, _)| name.clone()).collect();
    for (name, path) in &generated {
        if path.join("src/operations").is_dir() {
            crates.push(format!("{name}{CALLS}"));
        }
    }
    crates.push(SDK.into());
    if let Some(only) = &options.crates {
        for name in only {
            if !crates.contains(name) {
                return Err(format!("--crates: unknown crate `{name}` (known: {})", crates.join(", ")));
            }
        }
        crates.retain(|c| only.contains(c));
    }
    let work = options.work.clone().unwrap_or_else(|| root.join("target/compile-bench"));
    let manifest = write_probe(&root, &work.join("probe"), &generated)?;
    let target = work.join("target");

    println!("compile-bench: {} round(s), profiles {:?}", options.rounds, options.profiles.iter().map(|p| p.name()).collect::<Vec<_>>());
    println!("crates: {} (generated: {})", crates.join(", "), generated.iter().map(|(n, p)| format!("{n} = {}", p.display())).collect::<Vec<_>>().join(", "));
    println!("probe: {}, target dir: {}", manifest.display(), target.display());
    if options.dry_run {
        return Ok(());
    }
    println!("load average at start: {}", load_average());

    // samples[profile][(crate, incremental)] = one Sample per round.
    let mut samples = vec![std::collections::BTreeMap::<(usize, bool), Vec<Sample>>::new(); options.profiles.len()];
    for &profile in &options.profiles {
        eprintln!("warm-up ({}): building every dependency", profile.name());
        for name in &crates {
            let (_, package) = packages(name);
            let mut args = profile.build_args().to_vec();
            args.extend(["-p", &package]);
            run_cargo(&args, &manifest, &target, false, true)?;
        }
    }
    // Each generated crate is measured twice in dev and check: as cargo
    // builds a path dependency (incremental, the default), and as it builds
    // a registry crate such as aws-sdk-bedrock (not incremental). Release
    // builds are never incremental.
    let variants = |profile: Profile, name: &str| -> Vec<bool> {
        if profile == Profile::Release || name == SDK { vec![true] } else { vec![true, false] }
    };
    let label = |name: &str, incremental: bool| if incremental { name.to_owned() } else { format!("{name} (incr. off)") };
    for round in 0..options.rounds {
        for (p, &profile) in options.profiles.iter().enumerate() {
            let order: Vec<usize> =
                if round % 2 == 0 { (0..crates.len()).collect() } else { (0..crates.len()).rev().collect() };
            for c in order {
                let name = crates[c].as_str();
                for incremental in variants(profile, name) {
                    let (cleaned, package) = packages(name);
                    let mut clean = profile.clean_args().to_vec();
                    for p in &cleaned {
                        clean.extend(["-p", p]);
                    }
                    run_cargo(&clean, &manifest, &target, true, incremental)?;
                    let mut build = profile.build_args().to_vec();
                    build.extend(["-p", &package]);
                    let sample = run_cargo(&build, &manifest, &target, true, incremental)?;
                    eprintln!(
                        "round {}/{} {:7} {:28} cpu {:7.1} s  wall {:7.1} s  rss {:6.0} MB  (load {})",
                        round + 1,
                        options.rounds,
                        profile.name(),
                        label(name, incremental),
                        sample.cpu,
                        sample.wall,
                        sample.rss_mb,
                        load_average()
                    );
                    samples[p].entry((c, incremental)).or_default().push(sample);
                }
            }
        }
    }

    println!("load average at end: {}", load_average());
    println!();
    println!("medians over {} round(s) (min-max in brackets); CPU = user+sys of the cargo process tree", options.rounds);
    println!(
        "{:8} {:28} {:>8} {:>15} {:>8} {:>15} {:>8}   {:>9} {:>9}",
        "profile", "crate", "cpu s", "(range)", "wall s", "(range)", "rss MB", "cpu/sdk", "wall/sdk"
    );
    for (p, &profile) in options.profiles.iter().enumerate() {
        let sdk = crates.iter().position(|c| c == SDK).map(|s| {
            let s = &samples[p][&(s, true)];
            (median(s.iter().map(|x| x.cpu).collect()), median(s.iter().map(|x| x.wall).collect()))
        });
        for (c, name) in crates.iter().enumerate() {
          for incremental in variants(profile, name) {
            let s = &samples[p][&(c, incremental)];
            let name = &label(name, incremental);
            let cpu: Vec<f64> = s.iter().map(|x| x.cpu).collect();
            let wall: Vec<f64> = s.iter().map(|x| x.wall).collect();
            let rss = s.iter().map(|x| x.rss_mb).fold(0.0, f64::max);
            let (cpu_m, wall_m) = (median(cpu.clone()), median(wall.clone()));
            let ratios = match sdk {
                Some((sdk_cpu, sdk_wall)) => format!("{:>8.2}x {:>8.2}x", cpu_m / sdk_cpu, wall_m / sdk_wall),
                None => String::new(),
            };
            println!(
                "{:8} {:28} {:>8.1} {:>15} {:>8.1} {:>15} {:>8.0}   {}",
                profile.name(),
                name,
                cpu_m,
                format!("({})", range(&cpu, 1)),
                wall_m,
                format!("({})", range(&wall, 1)),
                rss,
                ratios
            );
          }
        }
    }
    println!("rss MB: the largest peak over the rounds; x/sdk: median over aws-sdk-bedrock's median in the same run");
    Ok(())
}
