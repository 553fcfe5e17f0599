#!/usr/bin/env bash
# The image, built and run for real on a CI machine that has no Docker daemon and cannot pull
# from a registry (docs/deploy.md, "Without a Docker daemon"):
#
#   bash .ci/container.sh          build the Dockerfile as is with podman, then run the container
#                                  checks (tests/test_container.py) against the image
#   bash .ci/container.sh build    only build, and print the image size and build time
#   bash .ci/container.sh pins     rewrite constraints.txt with the newest releases that fit
#                                  pyproject.toml, resolved inside the image's base
#
# The Dockerfile says FROM python:3.11-slim. Here that name is a local stand-in
# (.ci/python-3.11-slim.Containerfile) built FROM a Debian base made with debootstrap from this
# machine's own Debian mirror. A real python:3.11-slim already in podman's storage is used instead.
#
# Cached: the debootstrap rootfs as a tarball in $TRIAGE_CI_CACHE (default /var/cache/triage-ci,
# renewed weekly or when the recipe below changes); podman's storage keeps the images and their
# build layers, so a second run on one machine rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${TRIAGE_IMAGE:-localhost/triage:ci}
CACHE=${TRIAGE_CI_CACHE:-/var/cache/triage-ci}
SUITE=bookworm
BASE=localhost/debian-base:$SUITE
PYTHON=docker.io/library/python:3.11-slim
# Mounted (read-only) into the build steps only: pip trusts what this machine trusts, and the
# image keeps its own bundle.
CA=/etc/ssl/certs/ca-certificates.crt

for tool in podman runc debootstrap; do
  command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install podman runc debootstrap (.ci/run does)" >&2; exit 1; }
done
mkdir -p "$CACHE"

# What these machines need from podman, for podman itself and for the tests it runs: runc (crun
# fails on their cgroups), ulimits no higher than the hard limits they grant, the host network.
export CONTAINERS_CONF="$CACHE/containers.conf"
cat >"$CONTAINERS_CONF" <<EOF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=32768:32768"]
netns = "host"

[engine]
runtime = "runc"
EOF

elapsed() { local s=$(( $(date +%s) - $1 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }
megabytes() { podman image inspect --format '{{.Size}}' "$1" | awk '{printf "%.0f MB", $1 / 1e6}'; }
label() { podman image inspect --format "{{index .Config.Labels \"$2\"}}" "$1" 2>/dev/null || true; }

# The machine's Debian mirror for a suite, from its apt sources (deb822 or one-line).
apt_mirror() {
  local suite=$1 f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    awk -v s="$suite" 'BEGIN { RS = "" } {
      uri = ""; ok = 0; deb = 0; n = split($0, line, "\n")
      for (i = 1; i <= n; i++) {
        m = split(line[i], w, " ")
        if (w[1] == "URIs:") uri = w[2]
        if (w[1] == "Types:") for (j = 2; j <= m; j++) if (w[j] == "deb") deb = 1
        if (w[1] == "Suites:") for (j = 2; j <= m; j++) if (w[j] == s) ok = 1
        if (w[1] == "Enabled:" && w[2] == "no") ok = 0
      }
      if (ok && deb && uri != "") print uri }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] || continue
    awk -v s="$suite" '$1 == "deb" { i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } if ($(i + 1) == s) print $i }' "$f"
  done
}
MIRROR=${DEBIAN_MIRROR:-$(apt_mirror "$SUITE" | head -n1 || true)}
SECURITY=${DEBIAN_SECURITY_MIRROR:-$(apt_mirror "$SUITE-security" | head -n1 || true)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY=${SECURITY:-http://deb.debian.org/debian-security}

# A minimal Debian, slimmed as the official debian:*-slim images are (no docs, man pages or
# translations, now or from later installs).
make_rootfs() {
  local root=$1
  debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$root.log" 2>&1 \
    || { tail -n 20 "$root.log" >&2; return 1; }
  cat >"$root/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY $SUITE-security main
EOF
  cat >"$root/etc/dpkg/dpkg.cfg.d/slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
EOF
  find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  rm -rf "$root"/usr/share/{man,info,groff,lintian,locale}/* "$root"/var/lib/apt/lists/* \
    "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/log/*.log
}

# localhost/debian-base:bookworm, then python:3.11-slim FROM it.
base_images() {
  local step key tarball root
  step=$(date +%s)
  key=$(printf '%s\n' "$SUITE" "$MIRROR" "$SECURITY" "$(declare -f make_rootfs)" | sha256sum | cut -c1-16)
  tarball="$CACHE/rootfs-$SUITE-$key.tar"
  find "$CACHE" -name 'rootfs-*.tar' -mtime +7 -delete
  if [ "$(label "$BASE" org.triage.rootfs)" != "$key" ]; then
    if [ ! -s "$tarball" ]; then
      echo "debootstrap $SUITE from $MIRROR ..."
      root=$(mktemp -d "$CACHE/rootfs.XXXXXX")
      trap 'rm -rf "$root" "$root.log" "$tarball.part"' EXIT
      make_rootfs "$root"
      tar -C "$root" --numeric-owner -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
      rm -rf "$root" "$root.log"
      trap - EXIT
    fi
    podman import --quiet --change 'CMD ["bash"]' --change "LABEL org.triage.rootfs=$key" \
      "$tarball" "$BASE" >/dev/null
    echo "base $BASE: $(elapsed "$step")"
  fi

  step=$(date +%s)
  if podman image exists "$PYTHON" && [ -z "$(label "$PYTHON" org.triage.stand-in)" ]; then
    echo "using the real $PYTHON found in podman's storage"
  else
    podman build --quiet --pull=never --network host --format docker \
      -f .ci/python-3.11-slim.Containerfile -t "$PYTHON" .ci >"$CACHE/stand-in.log" 2>&1 \
      || { tail -n 20 "$CACHE/stand-in.log" >&2; return 1; }
    echo "stand-in $PYTHON: $(elapsed "$step")"
  fi
}

build() {
  local start step
  start=$(date +%s)
  base_images
  # --format docker: the OCI format has no HEALTHCHECK.
  step=$(date +%s)
  podman build --pull=never --network host --format docker -v "$CA:$CA:ro" -t "$IMAGE" . \
    >"$CACHE/build.log" 2>&1 || { tail -n 40 "$CACHE/build.log" >&2; return 1; }
  echo "Dockerfile: $(elapsed "$step")"
  echo "image $IMAGE: $(megabytes "$IMAGE") ($PYTHON $(megabytes "$PYTHON")); built in $(elapsed "$start")"
}

# Resolved in the base the image is built on: a pin that needs a newer Python than that one's
# (soupsieve 4 wants 3.11.5; Debian has 3.11.2) would not install there.
pins() {
  base_images >/dev/null
  trap 'rm -f constraints.txt.new constraints.txt.tmp' EXIT
  python3 -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
    | podman run --rm -i --network host -v "$CA:$CA:ro" --entrypoint sh "$PYTHON" -c \
      'python -m venv /tmp/v && /tmp/v/bin/pip install -q --disable-pip-version-check -r /dev/stdin >&2 && /tmp/v/bin/pip freeze' \
      >constraints.txt.new
  { sed -n '/^#/p;/^$/q' constraints.txt; echo; cat constraints.txt.new; } >constraints.txt.tmp
  mv constraints.txt.tmp constraints.txt
  git diff --stat -- constraints.txt
}

case ${1:-all} in
  build) build ;;
  pins) pins ;;
  all)
    build
    start=$(date +%s)
    TRIAGE_CONTAINER_IMAGE=$IMAGE python3 -m pytest -q -p no:cacheprovider tests/test_container.py
    echo "container checks: $(elapsed "$start")"
    ;;
  *) echo "usage: $0 [build|pins]" >&2; exit 2 ;;
esac
