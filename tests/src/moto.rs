//! moto's server (`moto[server]`, a local AWS emulator) for the client's
//! end-to-end tests: started on a free port of 127.0.0.1, stopped (killed)
//! when the handle is dropped.
//!
//! Where moto is looked for, in order:
//!
//! 1. `AWSGEN_MOTO_SERVER`: the path of a `moto_server` executable;
//! 2. `target/moto-venv/bin/moto_server` (what `.ci/install-moto.sh` installs);
//! 3. `moto_server` on `PATH`;
//! 4. `python3 -m moto.server`, when `python3` can import it.
//!
//! When none is there, [`Moto::start`] panics, saying how to install it: the
//! tests fail, they are never skipped.

use std::io::Read as _;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The moto release `.ci/install-moto.sh` installs.
pub const MOTO_VERSION: &str = "5.2.5";

/// A running moto server; killed on drop.
pub struct Moto {
    child: Child,
    endpoint: String,
    log: PathBuf,
}

/// How to run moto's server: a program and its leading arguments.
fn find_moto() -> Result<(PathBuf, Vec<String>), String> {
    let mut looked = Vec::new();
    if let Some(path) = std::env::var_os("AWSGEN_MOTO_SERVER").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        if path.is_file() {
            return Ok((path, Vec::new()));
        }
        return Err(format!("AWSGEN_MOTO_SERVER is `{}`, which is not a file", path.display()));
    }
    looked.push("$AWSGEN_MOTO_SERVER (unset)".to_string());
    let venv = crate::repo_root().join("target/moto-venv/bin/moto_server");
    if venv.is_file() {
        return Ok((venv, Vec::new()));
    }
    looked.push(venv.display().to_string());
    if let Some(paths) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&paths) {
            let candidate = dir.join("moto_server");
            if candidate.is_file() {
                return Ok((candidate, Vec::new()));
            }
        }
    }
    looked.push("`moto_server` on PATH".to_string());
    let importable = Command::new("python3")
        .args(["-c", "import moto.server"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if importable {
        return Ok((PathBuf::from("python3"), vec!["-m".into(), "moto.server".into()]));
    }
    looked.push("`python3 -m moto.server`".to_string());
    Err(format!("looked for: {}", looked.join(", ")))
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binding 127.0.0.1:0");
    listener.local_addr().expect("local address").port()
}

impl Moto {
    /// Starts moto's server on a free port of 127.0.0.1 and waits until it
    /// answers. Panics (failing the test) when moto is not installed or does
    /// not start.
    pub fn start() -> Moto {
        let (program, args) = find_moto().unwrap_or_else(|looked| {
            panic!(
                "\n\nmoto's server is needed by this test and was not found ({looked}).\n\
                 Install it with:\n\n    .ci/install-moto.sh\n\n\
                 (pip installs moto[server]=={MOTO_VERSION} into target/moto-venv), or point \
                 AWSGEN_MOTO_SERVER at a moto_server executable.\n"
            )
        });
        // A free port can be taken by another process between our probe and
        // moto's bind (tests run in parallel): moto then exits saying so, and
        // another port is tried.
        let mut tries = 0;
        loop {
            tries += 1;
            let port = free_port();
            let log_dir = crate::repo_root().join("target/moto-logs");
            std::fs::create_dir_all(&log_dir).expect("creating target/moto-logs");
            let log = log_dir.join(format!("moto-{port}.log"));
            let log_file = std::fs::File::create(&log).expect("creating the moto log");
            let child = Command::new(&program)
                .args(&args)
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .stdin(Stdio::null())
                .stdout(log_file.try_clone().expect("log file"))
                .stderr(log_file)
                .spawn()
                .unwrap_or_else(|e| panic!("starting {} failed: {e}", program.display()));
            let mut moto = Moto { child, endpoint: format!("http://127.0.0.1:{port}"), log };
            match moto.wait_ready(port, &program) {
                Ok(()) => return moto,
                Err(port_taken) if port_taken && tries < 5 => continue,
                Err(_) => panic!("moto ({}) exited at start:\n{}", program.display(), moto.log_tail()),
            }
        }
    }

    /// Waits until moto listens; `Err(true)` when it exited because the
    /// port was taken, `Err(false)` when it exited for another reason.
    fn wait_ready(&mut self, port: u16, program: &Path) -> Result<(), bool> {
        let deadline = Instant::now() + Duration::from_secs(60);
        let exited = |moto: &mut Moto| -> Option<bool> {
            match moto.child.try_wait() {
                Ok(Some(_)) => Some(moto.log_tail().contains("in use")),
                _ => None,
            }
        };
        loop {
            if let Some(port_taken) = exited(self) {
                return Err(port_taken);
            }
            if TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(200)).is_ok() {
                // Something listens: make sure it is this moto, not the
                // process that took the port.
                std::thread::sleep(Duration::from_millis(300));
                if let Some(port_taken) = exited(self) {
                    return Err(port_taken);
                }
                return Ok(());
            }
            if Instant::now() > deadline {
                panic!("moto ({}) did not listen on port {port} within 60 s:\n{}", program.display(), self.log_tail());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The server's URL (`http://127.0.0.1:PORT`), for the client's
    /// `endpoint_url`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The last lines of the server's log (one line per request).
    pub fn log_tail(&self) -> String {
        let mut text = String::new();
        if let Ok(mut f) = std::fs::File::open(&self.log) {
            let _ = f.read_to_string(&mut text);
        }
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    /// The requests moto logged (werkzeug's access log lines), e.g.
    /// `GET /model-customization-jobs?maxResults=4 HTTP/1.1`.
    pub fn requests(&self) -> Vec<String> {
        let mut text = String::new();
        if let Ok(mut f) = std::fs::File::open(&self.log) {
            let _ = f.read_to_string(&mut text);
        }
        text.lines()
            .filter_map(|l| {
                let start = l.find("] \"")? + 3;
                let end = start + l[start..].find('"')?;
                Some(strip_ansi(&l[start..end]))
            })
            .collect()
    }
}

/// Removes terminal colour codes (werkzeug colours error lines).
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

impl Drop for Moto {
    /// Kills the server; its log (`target/moto-logs/moto-PORT.log`) is kept
    /// only when the test failed.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !std::thread::panicking() {
            let _ = std::fs::remove_file(&self.log);
        }
    }
}
