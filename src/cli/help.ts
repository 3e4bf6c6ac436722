import { DEFAULTS } from './options.ts'

export const helpText = `scim-conform: SCIM 2.0 conformance for RFC 7643/7644 and Microsoft Entra ID provisioning

Usage:
  scim-conform --url <base URL> --token <bearer token> [options]   run the checks against a server
  scim-conform --embedded [options]                                run them against the built-in reference server
  scim-conform serve --port <p> [--token <t>]                      start the reference server on 127.0.0.1 (token: --token or
                                                                   SCIM_CONFORM_TOKEN)
  scim-conform profiles                                            list the built-in profiles
  scim-conform profiles show <name|path> [--json]                  a profile's mapping and a sample of what Entra sends for it
  scim-conform profiles init > my-app.json                         a starting profile to edit for your own app
  scim-conform checks [--profile <p>] [--json]                     list every check: id, level, read-only, requirements
  scim-conform explain <check id> [--profile <p>]                  what a check requires, quoted, with its source and fix
  scim-conform cleanup --journal <file> [options]                  delete what an interrupted run left behind at the journal's
                                                                   URL, with the run's auth and connection flags: --token, or
                                                                   --client-id/--client-secret/--token-url/--scope; --ca or
                                                                   --insecure; --header; --timeout
  scim-conform load --url <u> --token <t> [--rate <n|max>] [--duration <s>] [--concurrency <n>]
                                                                   Entra's traffic mix (filter lookups, creates, GETs, PATCHes,
                                                                   member adds) at --rate/s (default 25, the gallery requirement)
                                                                   for --duration s (default 30); --rate max finds the highest
                                                                   rate held without errors or 429s; exit 0 when it holds
  scim-conform load --export artillery --url <u> [--rate <n>] [--duration <s>] > scim-load.yml
                                                                   the same traffic as an Artillery script, to run from many
                                                                   machines; it reads the token from SCIM_CONFORM_TOKEN when it
                                                                   runs, and cleanup --url <u> --prefix <p> removes what it made
  scim-conform load --url <u> --token <t> --users <n> --groups <n> --members <n>
                                                                   Entra's initial sync at scale: match and create every user
                                                                   and group, then add members in batches; everything is deleted

Options:
  --url <url>            the SCIM base URL, e.g. https://app.example.com/scim/v2 (env SCIM_CONFORM_URL)
  --token <token>        bearer token (env SCIM_CONFORM_TOKEN; prefer the variable: it stays out of shell history)
  --client-id <id>       OAuth 2.0 client credentials instead of --token (env SCIM_CONFORM_CLIENT_ID); the token is
                         fetched before the run and renewed before it expires and on a 401
  --client-secret <s>    the client secret (env SCIM_CONFORM_CLIENT_SECRET; prefer the variable); never printed or reported
  --token-url <url>      the OAuth token endpoint (env SCIM_CONFORM_TOKEN_URL)
  --scope <scope>        scope to request with the client credentials (env SCIM_CONFORM_SCOPE)
  --ca <file>            PEM file of a private CA to trust besides the public roots
  --insecure             do not verify the target's certificate (warned in the console and the report)
  --embedded             test the embedded reference server on an ephemeral loopback port
  --profile <name|path>  a built-in profile or a profile JSON file (default ${DEFAULTS.profile})
  --report-dir <dir>     where reports go (default ${DEFAULTS.reportDir})
  --only <globs>         run only the checks whose id matches, e.g. 'users.*,groups.create.*'
  --rerun-failed <file>  run only the checks that failed or were blocked in an earlier report.json, with its seed
  --concurrency <n>      requests in flight at most (default ${DEFAULTS.concurrency}; 1 = strictly sequential)
  --timeout <ms>         per-request timeout (default ${DEFAULTS.timeoutMs})
  --run-timeout <s>      stop the whole run after this many seconds (what it created is still cleaned up)
  --max-retries <n>      retries of a request answered 429 or 503, after Retry-After or a backoff (default ${DEFAULTS.maxRetries})
  --rate <n>             requests per second the whole run stays under, e.g. 5 (split evenly across the workers);
                         default: the profile's declared rate limit, if it has one (zscaler 5/s, zendesk 200/min)
  --header "Name: value" an extra request header, repeatable (its value is treated as a secret)
  --seed <n>             replay the generated cases of an earlier run
  --runs <n>             generated cases per property check (default ${DEFAULTS.runs})
  --read-only            run only the checks that send no writes (nothing is created, changed or deleted)
  --format <list>        reports to write: json,junit,html,md (default all)
  --record <what>        failures (default): exchanges only as the evidence of failures; all: every check's
                         exchanges in report.json and report.html, redacted alike (the token never written)
  --dialect <d>          entra (Entra's default job) or entra-flag (a Tenant URL with ?aadOptscim062020, which --url
                         also accepts and strips, as Microsoft's own harness does); default: the profile's
  --gate <verdict>       what sets the exit code: entra (Entra's provisioning job; the default), gallery
                         (Microsoft's 25 validator tests), rfc (RFC 7643/7644 MUSTs; the rfc profile's default)
                         or all (every failure)
  --baseline <file>      an earlier report.json: fail only on checks that passed there and fail now
  --write-baseline <f>   also write this run's report.json to <f>, to use as a later --baseline
  -q, --quiet            print only the verdict and the report paths
  --verbose              print every check as it finishes
  -h, --help             this text
  -v, --version          the version

Exit codes:
  0  every required (MUST) check passed; failed SHOULD/MAY checks are warnings
  1  at least one required check failed (with --baseline: a check that passed in the baseline fails now)
  2  usage or configuration error (bad flag, missing token, bad profile)
  3  the target could not be reached, or rejected the credentials, before any check ran
  4  scim-conform itself failed (a bug: please report it with the output)
  130  interrupted (Ctrl-C, SIGTERM or --run-timeout) before the run finished: no verdict; the reports cover
       what ran, and what the run created is deleted
`
