#!/usr/bin/env bash
# A throwaway one-node Slurm cluster on this machine, for the sweep engine's tests and for trying sweeps by hand.
#
#   tests/slurm/cluster.sh start [DIR]   install Debian's Slurm and MUNGE if absent, write a one-node configuration
#                                        under DIR (a new temporary folder if not given), start munged, slurmctld and
#                                        slurmd, wait until the node is idle, and print SLURM_CONF=... and
#                                        SLURM_CLUSTER_DIR=... lines on standard output
#   tests/slurm/cluster.sh stop DIR      stop exactly the processes that start recorded in DIR/pids and remove DIR
#
# Then: export SLURM_CONF=DIR/slurm.conf; sbatch, squeue, scancel and sinfo talk to this cluster.
#
# Nothing outside DIR is written except the packages: the daemons get their own MUNGE key and socket, ports, spool and
# state folders, logs and PID files in DIR, so a system Slurm or MUNGE (if any) is left alone. Runs as root (the
# daemons and jobs run as root too; that is what a test machine or a CI container allows).
set -euo pipefail

usage() {
    echo "usage: $0 start [DIR] | stop DIR" >&2
    exit 2
}

log() { echo "cluster.sh: $*" >&2; }

install_packages() {
    local missing=()
    for tool in munged slurmctld slurmd sbatch; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
    done
    if ((${#missing[@]} == 0)); then
        return
    fi

    log "installing Debian's munge, slurmctld, slurmd and slurm-client (missing: ${missing[*]})"
    if [[ $(id -u) -ne 0 ]]; then
        log "installing packages needs root; run as root or install munge slurmctld slurmd slurm-client first"
        exit 1
    fi

    export DEBIAN_FRONTEND=noninteractive
    # Wait for a package manager another process is running rather than fail at once.
    apt-get -o DPkg::Lock::Timeout=300 update -qq >&2
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends munge slurmctld slurmd slurm-client >&2
}

# A TCP port nobody listens on, from a range clear of the usual services; Slurm's own defaults (6817, 6818) may be
# taken by a real cluster on the same machine.
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 20000))
        if ! ss -Htln "sport = :$port" | grep -q .; then
            echo "$port"
            return
        fi
    done
    log "no free TCP port found"
    exit 1
}

# Waits up to $2 seconds for the command $1 to succeed.
wait_for() {
    local what=$1 seconds=$2
    for _ in $(seq 1 $((seconds * 5))); do
        if eval "$what" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.2
    done
    return 1
}

start() {
    install_packages
    local dir=${1:-}
    if [[ -z $dir ]]; then
        dir=$(mktemp -d /tmp/dynpmnn-slurm.XXXXXX)
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    chmod 0755 "$dir"
    mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
    chmod 0700 "$dir/munge"
    : >"$dir/pids"

    # Stop whatever this start already began if a later step fails, so a failed start leaves nothing running.
    trap 'log "start failed; stopping what it started"; stop "$dir" keep; exit 1' ERR

    local host
    host=$(hostname -s)
    local ctld_port slurmd_port
    ctld_port=$(free_port)
    slurmd_port=$(free_port)
    while [[ $slurmd_port == "$ctld_port" ]]; do slurmd_port=$(free_port); done

    dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
    chmod 0400 "$dir/munge/munge.key"

    cat >"$dir/slurm.conf" <<EOF
# One-node test cluster written by tests/slurm/cluster.sh.
ClusterName=dynpmnn-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups: a container or CI runner may not delegate them.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
# Short timers so tests do not wait on defaults meant for real clusters.
SchedulerParameters=sched_interval=1
MessageTimeout=10
KillWait=5
MinJobAge=300
InactiveLimit=0
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

    # munged refuses to run as root unless forced; the key, socket, PRNG seed and log all live in DIR.
    setsid munged --foreground --force \
        --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
        --pid-file="$dir/munge/munged.pid" --seed-file="$dir/munge/munged.seed" --log-file="$dir/log/munged.log" \
        </dev/null >>"$dir/log/munged.out" 2>&1 &
    echo "munged $!" >>"$dir/pids"
    if ! wait_for "[[ -S '$dir/munge/munge.socket' ]]" 20; then
        log "munged did not start; see $dir/log/munged.log"
        cat "$dir/log/munged.out" "$dir/log/munged.log" >&2 2>/dev/null || true
        false
    fi

    export SLURM_CONF=$dir/slurm.conf
    # -i: ignore state from an earlier cluster (there is none in a new DIR, but a reused DIR starts clean too).
    setsid slurmctld -D -i -f "$SLURM_CONF" </dev/null >>"$dir/log/slurmctld.out" 2>&1 &
    echo "slurmctld $!" >>"$dir/pids"
    setsid slurmd -D -f "$SLURM_CONF" </dev/null >>"$dir/log/slurmd.out" 2>&1 &
    echo "slurmd $!" >>"$dir/pids"

    if ! wait_for "sinfo -h -N -o '%t' | grep -qx 'idle'" 60; then
        log "the node did not become idle within 60 s; sinfo says: $(sinfo -h -N -o '%N %t %E' 2>&1 || true)"
        tail -n 20 "$dir"/log/*.log "$dir"/log/*.out >&2 2>/dev/null || true
        false
    fi

    trap - ERR
    log "cluster up in $dir (node $host idle, slurmctld port $ctld_port)"
    echo "SLURM_CONF=$dir/slurm.conf"
    echo "SLURM_CLUSTER_DIR=$dir"
}

# Stops the processes listed in DIR/pids (and nothing else), then removes DIR unless told to keep it.
stop() {
    local dir=$1 keep=${2:-}
    if [[ ! -f $dir/pids ]]; then
        log "$dir has no pids file; nothing started there"
        [[ -n $keep ]] || rm -rf "$dir"
        return 0
    fi

    local name pid
    local -a started=()
    # Daemons in reverse order of starting: slurmd, slurmctld, then munged, which they need while shutting down.
    while read -r name pid; do
        started=("$name:$pid" "${started[@]}")
    done <"$dir/pids"
    for entry in "${started[@]}"; do
        name=${entry%%:*}
        pid=${entry##*:}
        # Only a process that is still the one started (same command name) is signalled: the PID may have been reused.
        if [[ -r /proc/$pid/comm ]] && [[ $(cat "/proc/$pid/comm") == "$name"* ]]; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do
                [[ -d /proc/$pid ]] || break
                sleep 0.1
            done
            if [[ -d /proc/$pid ]]; then
                log "$name ($pid) ignored SIGTERM for 5 s; sending SIGKILL"
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
    done

    if [[ -z $keep ]]; then
        rm -rf "$dir"
    fi
    log "cluster in $dir stopped"
}

case ${1:-} in
start) start "${2:-}" ;;
stop)
    [[ -n ${2:-} ]] || usage
    stop "$2"
    ;;
*) usage ;;
esac
