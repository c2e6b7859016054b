# Installs, from the distribution's packages, what the tests need and the machine lacks:
# a Rust toolchain (only if none is there), a PostgreSQL server, Chromium and its driver,
# and npm (for the accessibility checker). Sourced by scripts/test and scripts/bench.

need_packages=()
want_package() { need_packages+=("$1"); }

ensure_test_tools() {
  command -v cargo >/dev/null 2>&1 || want_package cargo
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want_package postgresql
  command -v chromium >/dev/null 2>&1 || want_package chromium
  command -v chromedriver >/dev/null 2>&1 || want_package chromium-driver
  command -v npm >/dev/null 2>&1 || want_package npm
  if [ "${#need_packages[@]}" -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "missing: ${need_packages[*]} — install them (as root: apt-get install ${need_packages[*]})" >&2
      return 1
    fi
    echo "installing ${need_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
  fi
  id postgres >/dev/null 2>&1 || [ "$(id -u)" != 0 ] || useradd --system --home /var/lib/postgresql postgres
}

# The accessibility checker the browser tests inject into pages (axe-core, MPL-2.0), from npm.
ensure_axe() {
  local dir=.tools/axe
  if [ ! -f "$dir/node_modules/axe-core/axe.min.js" ]; then
    mkdir -p "$dir"
    npm install --silent --no-audit --no-fund --prefix "$dir" axe-core@4.10 >/dev/null
  fi
  export TRELLIS_AXE_JS="$PWD/$dir/node_modules/axe-core/axe.min.js"
}
