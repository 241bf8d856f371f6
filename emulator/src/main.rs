//! `verify8x8-emulator`: an emulator of the 8x8 Verify API v2 for offline
//! development and tests. It answers the three endpoints of 8x8's API with
//! 8x8's session semantics (<https://developer.8x8.com/connect/reference/code-validation-v-2>,
//! the rules in `verify8x8::contract`), keeps every "sent" message
//! in an outbox, injects faults on demand and runs on a movable clock.
//!
//! Test use only: it is not the real 8x8 and sends nothing anywhere.

mod cidr;
mod clock;
mod code;
mod config;
mod coverage;
mod error;
mod faults;
mod outbox;
mod random;
mod request;
mod routes;
mod server;
mod session;
mod state;
mod store;
mod validate;
mod webhook;

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use config::Command;
use state::AppState;

/// Writes a line to stderr; a closed stderr is no reason to stop.
pub(crate) fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match config::parse(&args, &|k| std::env::var(k).ok()) {
        Ok(Command::Run(config)) => *config,
        Ok(Command::Help) => {
            let _ = write!(std::io::stdout(), "{}", config::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            let _ = writeln!(
                std::io::stdout(),
                "verify8x8-emulator {}",
                env!("CARGO_PKG_VERSION")
            );
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            say(&format!("error: {e}"));
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            say(&format!("error: cannot start the runtime: {e}"));
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(config))
}

async fn run(config: config::Config) -> ExitCode {
    let listener = match tokio::net::TcpListener::bind((config.host, config.port)).await {
        Ok(l) => l,
        Err(e) => {
            say(&format!(
                "error: cannot listen on {}:{}: {e}",
                config.host, config.port
            ));
            return ExitCode::FAILURE;
        }
    };
    let base_url = match listener.local_addr() {
        Ok(addr) => format!("http://{addr}"),
        Err(e) => {
            say(&format!("error: no local address: {e}"));
            return ExitCode::FAILURE;
        }
    };
    say(&config.describe());
    let state = AppState::new(config, base_url.clone());
    let sweeper = state.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let changes = sweeper.store().sweep(clock::now());
            sweeper.notify(changes);
        }
    });
    say(&format!("  outbox page: {base_url}/_emulator"));
    let mut out = std::io::stdout();
    let _ = writeln!(out, "listening on {base_url}");
    let _ = out.flush();
    server::serve(listener, routes::router(state)).await;
    ExitCode::SUCCESS
}
