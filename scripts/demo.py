"""The demo: the seed architecture validated, planned, applied, verified and destroyed locally.

Runs entirely on the embedded local cloud (moto + privnet's Confluent Cloud emulator); no
account or network access is needed. Each step is a real `privnet` command. The local cloud
is the user's own (one per user, shared by every stack): the demo stops it at the end only if
it was not already running.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "examples" / "privatelink-cluster-linking.yaml")
VPC_LOCATIONS = ("dns", "runner", "sandbox", "shared")
"""The seed's client locations inside VPCs privnet builds (its `vpn` location is a Client VPN
endpoint, which privnet does not create)."""


def _available_commands(privnet: str) -> set[str]:
    help_text = subprocess.run([privnet, "--help"], capture_output=True, text=True).stdout
    return {line.split()[1] for line in help_text.splitlines()
            if line.startswith("│ ") and len(line.split()) > 1}


def _local_cloud_runs(privnet: str) -> bool:
    status = subprocess.run([privnet, "local", "status"], capture_output=True, text=True)
    return status.stdout.startswith("local cloud: running")


def main() -> int:
    privnet = str(Path(sys.executable).parent / "privnet")
    available = _available_commands(privnet)
    already_running = _local_cloud_runs(privnet)
    examples = sorted(str(p) for p in (ROOT / "examples").glob("*.yaml"))
    steps: list[tuple[str, list[str]]] = [
        ("validate every example", ["validate", *examples]),
        ("verify the design before building it", ["verify", "--source", "plan", SEED]),
        ("plan the seed stack", ["plan", SEED]),
        ("apply it on the local cloud", ["apply", "--yes", SEED]),
        ("plan again: nothing to do", ["plan", "--detailed-exitcode", SEED]),
        ("verify the live local network: every VPC client reaches every cluster (the VPN "
         "row needs the Client VPN endpoint a network team runs: privnet models it, it does "
         "not create it; see docs/verify.md)",
         ["verify", "--source", "aws", SEED, *[a for name in VPC_LOCATIONS
                                              for a in ("--from", name)]]),
        ("show the outputs", ["output", SEED]),
        ("destroy everything", ["destroy", "--yes", SEED]),
    ]
    if already_running:
        print("(the local cloud was already running: it is left running for your other stacks)")
    else:
        steps.append(("stop the local cloud", ["local", "down"]))
    for title, args in steps:
        if args[0] not in available:
            print(f"\n== {title}: skipped (`privnet {args[0]}` is not part of this build)")
            continue
        print(f"\n== {title}: privnet {' '.join(a.replace(str(ROOT) + '/', '') for a in args)}",
              flush=True)
        code = subprocess.run([privnet, *args], cwd=ROOT).returncode
        if code != 0:
            print(f"== step failed with exit code {code}")
            return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
