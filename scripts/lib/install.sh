# Installs, from the distribution's packages, what the tests need and the machine lacks:
# a PostgreSQL server, Chromium and its driver, npm (for the accessibility checker), nginx (the
# reverse proxy of the two-instance test), Python's venv, and a Rust toolchain only if none is there; then the pinned tools from PyPI and npm
# into .tools/. Sourced by scripts/test, scripts/audit and scripts/bench.

need_packages=()
want_package() { need_packages+=("$1"); }

ensure_test_tools() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || want_package postgresql
  command -v chromium >/dev/null 2>&1 || want_package chromium
  command -v chromedriver >/dev/null 2>&1 || want_package chromium-driver
  command -v npm >/dev/null 2>&1 || want_package npm
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || want_package nginx
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || want_package python3-venv
  if [ "${#need_packages[@]}" -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "missing: ${need_packages[*]} — install them (as root: apt-get install ${need_packages[*]})" >&2
      return 1
    fi
    echo "installing ${need_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # The tests start their own PostgreSQL and nginx: the packages' services are not started.
    local no_services=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && no_services=1
    fi
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
    [ -z "$no_services" ] || rm -f /usr/sbin/policy-rc.d
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

# A real OpenID provider for the single sign-on tests (oidc-provider, MIT, OpenID Certified),
# from npm; run by Node (which comes with npm).
ensure_oidc_provider() {
  local dir=.tools/oidc
  if [ ! -d "$dir/node_modules/oidc-provider" ]; then
    mkdir -p "$dir"
    npm install --silent --no-audit --no-fund --prefix "$dir" oidc-provider@8.8.1 >/dev/null
  fi
}

# A Rust toolchain: the one on the machine, or Debian's if there is none (it must be new enough).
ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || { echo "cargo is missing: install Rust 1.85 or newer" >&2; return 1; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends cargo rustc >/dev/null
  fi
  local version
  version=$(rustc --version | awk '{print $2}')
  if [ "$(printf '%s\n1.85.0\n' "$version" | sort -V | head -n 1)" != "1.85.0" ]; then
    echo "Rust $version is too old: Trellis needs 1.85 or newer (rustup.rs)" >&2
    return 1
  fi
}

# The tools from PyPI (scripts/lib/python-tools.txt, every version pinned), in .tools/venv.
# Reinstalled only when that list changes.
ensure_python_tools() {
  local venv=.tools/venv list=scripts/lib/python-tools.txt
  local stamp
  stamp="$venv/.installed-$(md5sum "$list" | cut -c1-12)"
  [ -f "$stamp" ] && return 0
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --requirement "$list"
  touch "$stamp"
}
