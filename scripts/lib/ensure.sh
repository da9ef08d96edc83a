# Shared set-up for the two README commands: installs what is missing, says what it does,
# and stops with a clear message where it cannot. Sourced by scripts/start.sh and scripts/test-all.sh.

say() { printf '\033[1m[kds]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[kds] %s\033[0m\n' "$*" >&2; exit 1; }

ensure_node() {
  command -v node >/dev/null || die "Node.js 20.19+ is needed (Debian: apt-get install nodejs npm)."
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js 20.19+ is needed; found $(node --version)."
}

# npm ci when node_modules is missing or older than the lockfile.
ensure_npm_deps() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installing npm dependencies (npm ci; better-sqlite3 compiles from source, about 2 minutes)..."
    npm ci --no-audit --no-fund || die "npm ci failed; see the output above."
  fi
}

apt_install() {
  local missing=("$@")
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "Installing ${missing[*]} with apt-get..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || die "apt-get install ${missing[*]} failed."
  elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
    say "Installing ${missing[*]} with sudo apt-get (you may be asked for your password)..."
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || die "sudo apt-get install ${missing[*]} failed."
  else
    die "Please install: ${missing[*]} (Debian/Ubuntu package names)."
  fi
}

# ensure_packages CMD:PACKAGE ... installs each package whose command is missing.
ensure_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

ensure_kafka_runtime() {
  ensure_packages java:openjdk-17-jre-headless mvn:maven
  node_modules/.bin/tsx scripts/kafka/fetch-jars.ts || die "Could not prepare the Kafka jars."
}
