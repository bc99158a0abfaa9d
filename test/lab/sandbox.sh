#!/usr/bin/env bash
# Run a command inside a private lab sandbox:
#   test/lab/sandbox.sh <command> [args...]
#
# The sandbox has its own network, mount and PID namespaces. Network namespaces made
# inside it are mounted on a private tmpfs at /run/netns; TMPDIR (peer homes, browser
# profiles) and /tmp/.X11-unix (virtual displays) are private tmpfs mounts too. Only
# `lo` exists at first; nothing touches the machine's real interfaces.
#
# When the command exits, every process left in the sandbox gets SIGTERM, then
# SIGKILL, and all namespaces, bridges and veths vanish with it. If the sandbox itself
# is killed, the kernel kills everything in its PID namespace (unshare --kill-child).
#
# Exit status: the command's own, or 125 when the sandbox cannot be made (not root,
# no unshare/ip). Already inside a sandbox, the command simply runs.
set -euo pipefail

if [[ "${1:-}" == "--init" ]]; then
  # PID 1 of the sandbox. Run the command as a child, not via exec: PID 1 must stay
  # to reap orphans and to clean up after the command.
  shift
  # Counts processes other than this one without forking (a subshell would count).
  count_others() {
    others=0
    local entry
    for entry in /proc/[0-9]*; do
      [[ "${entry#/proc/}" != 1 ]] && others=$((others + 1))
    done
    return 0
  }
  mount -t tmpfs -o mode=0755 lab-netns /run/netns
  # A private TMPDIR: peer homes, browser profiles and wrappers vanish with the sandbox.
  # (Not all of /tmp: the repository itself may live there.)
  mount -t tmpfs -o mode=1777 lab-tmp "$PIGEON_LAB_TMP"
  export TMPDIR="$PIGEON_LAB_TMP"
  # Private X sockets: virtual displays here never meet the machine's X servers.
  mount -t tmpfs -o mode=1777 lab-x11 /tmp/.X11-unix
  ip link set lo up
  "$@" <&0 &
  child=$!
  # PID 1 gets no default signal actions: forward what a user or CI sends.
  trap 'kill -TERM "$child" 2>/dev/null || true' TERM INT HUP
  status=0
  while :; do
    wait "$child" && status=0 || status=$?
    # `wait` also returns when a trapped signal arrives; loop until the child is gone.
    kill -0 "$child" 2>/dev/null || break
  done
  # Everything still running here was started by the command: end it, politely first.
  kill -TERM -1 2>/dev/null || true
  for _ in $(seq 30); do
    count_others
    ((others == 0)) && break
    sleep 0.1
  done
  kill -KILL -1 2>/dev/null || true
  exit "$status"
fi

if [[ $# -eq 0 ]]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

if [[ "${PIGEON_LAB_SANDBOX:-}" == 1 ]]; then
  exec "$@"
fi

if [[ "$(id -u)" != 0 ]]; then
  echo "sandbox.sh: needs root (network namespaces)" >&2
  exit 125
fi
for tool in unshare ip mount; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "sandbox.sh: missing '$tool' (packages util-linux, iproute2)" >&2
    exit 125
  fi
done

# Mount points must exist before private tmpfs mounts can cover them.
mkdir -p /run/netns
[[ -d /tmp/.X11-unix ]] || install -d -m 1777 /tmp/.X11-unix
PIGEON_LAB_TMP="$(mktemp -d "${TMPDIR:-/tmp}/pigeon-lab.XXXXXX")"
export PIGEON_LAB_TMP PIGEON_LAB_SANDBOX=1
self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
# unshare blocks SIGTERM/SIGINT while it waits, so this shell stays in between and
# hands signals to the sandbox's PID 1 (a second signal kills the sandbox outright).
# `<&0` keeps stdin: a background job would otherwise read /dev/null.
unshare --net --mount --propagation private --pid --fork --kill-child --mount-proc \
  -- bash "$self" --init "$@" <&0 &
sandbox=$!
signals=0
forward() {
  signals=$((signals + 1))
  local init
  init="$(cat "/proc/$sandbox/task/$sandbox/children" 2>/dev/null || true)"
  if ((signals == 1)) && [[ -n "$init" ]]; then
    kill -TERM $init 2>/dev/null || true
  else
    kill -KILL "$sandbox" 2>/dev/null || true
  fi
}
trap forward TERM INT HUP
status=0
while :; do
  wait "$sandbox" && status=0 || status=$?
  kill -0 "$sandbox" 2>/dev/null || break
done
rmdir "$PIGEON_LAB_TMP" 2>/dev/null || true
exit "$status"
