//! Command-line flags and environment variables, with the defaults that let
//! other teams' tests start the emulator with no configuration.

use std::net::IpAddr;

use crate::cidr::Cidr;

/// Everything the emulator is configured with.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) host: IpAddr,
    pub(crate) port: u16,
    pub(crate) api_keys: Vec<String>,
    pub(crate) sub_accounts: Vec<String>,
    pub(crate) cors_origins: Vec<String>,
    pub(crate) sma_countries: Vec<String>,
    pub(crate) mobile_gateways: Vec<Cidr>,
    /// An SMA session started from a mobile gateway waits for the device's
    /// visit to its `verificationUrl` instead of verifying at once.
    pub(crate) sma_on_visit: bool,
    pub(crate) quiet: bool,
}

/// What the command line asked for.
pub(crate) enum Command {
    Run(Box<Config>),
    Help,
    Version,
}

pub(crate) const USAGE: &str = "\
verify8x8-emulator: an emulator of the 8x8 Verify API v2 (test use only)

USAGE: verify8x8-emulator [FLAGS]

  --host ADDR            address to listen on          [VERIFY8X8_EMULATOR_HOST]    default 127.0.0.1
  --port N               port; 0 picks a free one      [VERIFY8X8_EMULATOR_PORT]    default 8790
  --api-key KEY          accepted API key (repeat or comma-separate)
                                                       [VERIFY8X8_EMULATOR_API_KEYS] default test-key
  --sub-account ID       accepted sub-account id (repeat or comma-separate)
                                                       [VERIFY8X8_EMULATOR_SUB_ACCOUNTS] default test-account
  --cors-origin ORIGIN   browser origin allowed to call it, or * (repeat or comma-separate)
                                                       [VERIFY8X8_EMULATOR_CORS_ORIGINS]
                                                       default http://127.0.0.1:8787,http://localhost:8787
  --sma-country CC       ISO country where SMA works (repeat or comma-separate)
                                                       [VERIFY8X8_EMULATOR_SMA_COUNTRIES] default SG,US,GB,ID
  --mobile-gateway CIDR  IP range of a mobile-network gateway (repeat or comma-separate)
                                                       [VERIFY8X8_EMULATOR_MOBILE_GATEWAYS]
                                                       default 100.64.0.0/10,123.123.123.0/24
  --sma-on-visit         an SMA session from a gateway is verified when the device opens its
                         verificationUrl, not at once  [VERIFY8X8_EMULATOR_SMA_ON_VISIT=1]
  --quiet                no per-request log lines      [VERIFY8X8_EMULATOR_QUIET=1]
  -h, --help             this text
  -V, --version          the version

It prints `listening on http://HOST:PORT` on stdout once it accepts connections;
everything else (settings, one line per request) goes to stderr.
";

impl Default for Config {
    fn default() -> Self {
        Self {
            host: IpAddr::from([127, 0, 0, 1]),
            port: 8790,
            api_keys: vec!["test-key".into()],
            sub_accounts: vec!["test-account".into()],
            cors_origins: vec![
                "http://127.0.0.1:8787".into(),
                "http://localhost:8787".into(),
            ],
            sma_countries: ["SG", "US", "GB", "ID"].map(String::from).to_vec(),
            mobile_gateways: ["100.64.0.0/10", "123.123.123.0/24"]
                .iter()
                .filter_map(|c| Cidr::parse(c).ok())
                .collect(),
            sma_on_visit: false,
            quiet: false,
        }
    }
}

/// Reads `args` (without the program name) and the environment through `env`.
pub(crate) fn parse(
    args: &[String],
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Command, String> {
    let mut cfg = Config::default();
    apply_env(&mut cfg, env)?;
    let mut lists: Vec<(&'static str, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg, None),
        };
        match flag {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "--quiet" => cfg.quiet = true,
            "--sma-on-visit" => cfg.sma_on_visit = true,
            "--host" | "--port" | "--api-key" | "--sub-account" | "--cors-origin"
            | "--sma-country" | "--mobile-gateway" => {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        args.get(i)
                            .cloned()
                            .ok_or(format!("{flag} needs a value"))?
                    }
                };
                match flag {
                    "--host" => cfg.host = parse_host(&value)?,
                    "--port" => cfg.port = parse_port(&value)?,
                    _ => {
                        let name = list_name(flag);
                        match lists.iter_mut().find(|(n, _)| *n == name) {
                            Some((_, v)) => v.extend(split(&value)),
                            None => lists.push((name, split(&value))),
                        }
                    }
                }
            }
            _ => return Err(format!("unknown argument `{arg}` (see --help)")),
        }
        i += 1;
    }
    for (name, values) in lists {
        set_list(&mut cfg, name, values)?;
    }
    Ok(Command::Run(Box::new(cfg)))
}

fn apply_env(cfg: &mut Config, env: &dyn Fn(&str) -> Option<String>) -> Result<(), String> {
    let var = |name: &str| env(&format!("VERIFY8X8_EMULATOR_{name}")).filter(|v| !v.is_empty());
    if let Some(v) = var("HOST") {
        cfg.host = parse_host(&v)?;
    }
    if let Some(v) = var("PORT") {
        cfg.port = parse_port(&v)?;
    }
    for name in [
        "api-key",
        "sub-account",
        "cors-origin",
        "sma-country",
        "mobile-gateway",
    ] {
        if let Some(v) = var(env_name(name)) {
            set_list(cfg, name, split(&v))?;
        }
    }
    let yes = |v: String| !matches!(v.as_str(), "0" | "false" | "no");
    if let Some(v) = var("QUIET") {
        cfg.quiet = yes(v);
    }
    if let Some(v) = var("SMA_ON_VISIT") {
        cfg.sma_on_visit = yes(v);
    }
    Ok(())
}

fn list_name(flag: &str) -> &'static str {
    match flag {
        "--api-key" => "api-key",
        "--sub-account" => "sub-account",
        "--cors-origin" => "cors-origin",
        "--sma-country" => "sma-country",
        _ => "mobile-gateway",
    }
}

fn env_name(list: &str) -> &'static str {
    match list {
        "api-key" => "API_KEYS",
        "sub-account" => "SUB_ACCOUNTS",
        "cors-origin" => "CORS_ORIGINS",
        "sma-country" => "SMA_COUNTRIES",
        _ => "MOBILE_GATEWAYS",
    }
}

fn set_list(cfg: &mut Config, name: &str, values: Vec<String>) -> Result<(), String> {
    if values.is_empty() && name != "cors-origin" {
        return Err(format!("--{name} needs at least one value"));
    }
    match name {
        "api-key" => cfg.api_keys = values,
        "sub-account" => {
            if let Some(bad) = values
                .iter()
                .find(|v| !verify8x8::params::is_valid_sub_account_id(v))
            {
                return Err(format!("`{bad}` is not a valid sub-account id"));
            }
            cfg.sub_accounts = values;
        }
        "cors-origin" => cfg.cors_origins = values,
        "sma-country" => {
            cfg.sma_countries = values.iter().map(|c| c.to_ascii_uppercase()).collect();
        }
        _ => {
            cfg.mobile_gateways = values
                .iter()
                .map(|v| Cidr::parse(v))
                .collect::<Result<_, _>>()?;
        }
    }
    Ok(())
}

fn split(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn parse_host(v: &str) -> Result<IpAddr, String> {
    if v == "localhost" {
        return Ok(IpAddr::from([127, 0, 0, 1]));
    }
    v.trim_matches(['[', ']'])
        .parse()
        .map_err(|_| format!("--host `{v}` is not an IP address"))
}

fn parse_port(v: &str) -> Result<u16, String> {
    v.parse()
        .map_err(|_| format!("--port `{v}` is not a port number (0 to 65535)"))
}

impl Config {
    /// The settings, one per line, as printed at start.
    pub(crate) fn describe(&self) -> String {
        let list = |v: &[String]| {
            if v.is_empty() {
                "(none)".to_string()
            } else {
                v.join(", ")
            }
        };
        let gateways: Vec<String> = self
            .mobile_gateways
            .iter()
            .map(ToString::to_string)
            .collect();
        format!(
            "verify8x8-emulator {} (test use only: not the real 8x8)\n  host: {}\n  port: {}\n  api keys: {} key(s) configured\n  sub-accounts: {}\n  CORS origins: {}\n  SMA countries: {}\n  mobile gateways: {}\n  SMA from a gateway verified: {}",
            env!("CARGO_PKG_VERSION"),
            self.host,
            self.port,
            self.api_keys.len(),
            list(&self.sub_accounts),
            list(&self.cors_origins),
            list(&self.sma_countries),
            list(&gateways),
            if self.sma_on_visit {
                "when the device opens verificationUrl"
            } else {
                "at once"
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str], env: &[(&str, &str)]) -> Result<Config, String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let lookup = move |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        match parse(&args, &lookup)? {
            Command::Run(cfg) => Ok(*cfg),
            _ => Err("not run".into()),
        }
    }

    #[test]
    fn defaults_work_out_of_the_box() -> Result<(), String> {
        let cfg = run(&[], &[])?;
        assert_eq!(cfg.api_keys, ["test-key"]);
        assert_eq!(cfg.sub_accounts, ["test-account"]);
        assert_eq!(cfg.port, 8790);
        assert!(!cfg.sma_on_visit);
        Ok(())
    }

    #[test]
    fn flags_beat_env_and_replace_defaults() -> Result<(), String> {
        let cfg = run(
            &[
                "--port",
                "0",
                "--api-key=a,b",
                "--api-key",
                "c",
                "--sma-country",
                "sg",
            ],
            &[
                ("VERIFY8X8_EMULATOR_PORT", "9000"),
                ("VERIFY8X8_EMULATOR_API_KEYS", "z"),
            ],
        )?;
        assert_eq!(cfg.port, 0);
        assert_eq!(cfg.api_keys, ["a", "b", "c"]);
        assert_eq!(cfg.sma_countries, ["SG"]);
        Ok(())
    }

    #[test]
    fn sma_on_visit_by_flag_or_env() -> Result<(), String> {
        assert!(run(&["--sma-on-visit"], &[])?.sma_on_visit);
        assert!(run(&[], &[("VERIFY8X8_EMULATOR_SMA_ON_VISIT", "1")])?.sma_on_visit);
        assert!(!run(&[], &[("VERIFY8X8_EMULATOR_SMA_ON_VISIT", "0")])?.sma_on_visit);
        Ok(())
    }

    #[test]
    fn bad_values_are_refused() {
        assert!(run(&["--port", "x"], &[]).is_err());
        assert!(run(&["--sub-account", "a b"], &[]).is_err());
        assert!(run(&["--mobile-gateway", "1.2.3.4/99"], &[]).is_err());
        assert!(run(&["--nope"], &[]).is_err());
        assert!(run(&["--host"], &[]).is_err());
    }
}
