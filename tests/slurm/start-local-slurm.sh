#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine (Debian slurm-wlm + munge, run as root, no systemd needed):
# one partition "local" holding this host with all its CPUs.
#
# The cluster is private to the tests: its configuration, state, logs, pid files and ports are its own
# (SLURM_CONF points at them; the caller exports it), so a Slurm already configured in /etc/slurm, running
# or not, is neither touched nor relied on. Idempotent: does nothing if this cluster already answers.
set -euo pipefail
: "${SLURM_CONF:?start-local-slurm.sh: export SLURM_CONF to the test cluster configuration file first}"
if sinfo -h >/dev/null 2>&1; then
  exit 0
fi

host=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
home=$(dirname "$SLURM_CONF")
mkdir -p "$home/ctld" "$home/d" "$home/log" /run/munge
# No cgroup.conf: this Slurm (22.05) cannot disable cgroups there, and without the file it needs none
# with proctrack/linuxproc and task/none, which also work in containers without systemd.
# Ports 6917/6918 instead of the usual 6817/6818, so a system Slurm on this host does not collide.
cat > "$SLURM_CONF" <<CONF
# one-node test cluster written by tests/slurm/start-local-slurm.sh
ClusterName=simtest
SlurmctldHost=$host
SlurmctldPort=6917
SlurmdPort=6918
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$home/ctld
SlurmdSpoolDir=$home/d
SlurmctldPidFile=$home/slurmctld.pid
SlurmdPidFile=$home/slurmd.pid
SlurmctldLogFile=$home/log/slurmctld.log
SlurmdLogFile=$home/log/slurmd.log
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

if [ ! -s /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
chmod 400 /etc/munge/munge.key
pgrep -x munged >/dev/null || runuser -u munge -- /usr/sbin/munged

running() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
# -c: the test cluster starts with no jobs left over from an earlier run.
running "$home/slurmctld.pid" || /usr/sbin/slurmctld -c -f "$SLURM_CONF"
running "$home/slurmd.pid" || /usr/sbin/slurmd -f "$SLURM_CONF"

for _ in $(seq 1 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE 'idle|mix|alloc'; then
    exit 0
  fi
  sleep 1
done
echo "start-local-slurm.sh: the local Slurm node did not come up; see $home/log/" >&2
sinfo >&2 || true
tail -n 20 "$home"/log/*.log >&2 || true
exit 1
