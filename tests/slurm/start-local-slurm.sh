#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine (Debian slurm-wlm + munge, run as root, no systemd needed):
# one partition "local" holding this host with all its CPUs. Idempotent: does nothing if sinfo already answers.
set -euo pipefail
if sinfo -h >/dev/null 2>&1; then
  exit 0
fi

host=$(hostname -s)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
state=/var/spool/slurm-local
marker="# one-node test cluster written by tests/slurm/start-local-slurm.sh"
if [ -e /etc/slurm/slurm.conf ] && ! grep -qF "$marker" /etc/slurm/slurm.conf; then
  echo "start-local-slurm.sh: /etc/slurm/slurm.conf exists and is not ours; not touching a configured Slurm" >&2
  exit 1
fi
mkdir -p /etc/slurm "$state/ctld" "$state/d" /var/log/slurm /run/munge
# No cgroup.conf: this Slurm (22.05) cannot disable cgroups there, and without the file it needs none
# with proctrack/linuxproc and task/none, which also work in containers without systemd.
cat > /etc/slurm/slurm.conf <<CONF
$marker
ClusterName=local
SlurmctldHost=$host
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
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
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
pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld
pgrep -x slurmd >/dev/null || /usr/sbin/slurmd

for _ in $(seq 1 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE 'idle|mix|alloc'; then
    exit 0
  fi
  sleep 1
done
echo "start-local-slurm.sh: the local Slurm node did not come up; see /var/log/slurm/" >&2
sinfo >&2 || true
exit 1
