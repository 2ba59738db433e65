"""Can this machine resolve a name and open a TCP connection to it, within a few seconds?

The real-cloud half of the data-plane reach check (:mod:`privnet.engine.reach_preflight`):
the same system resolver and sockets the Kafka REST client will use. ``getaddrinfo`` has no
timeout of its own, so it runs in a worker thread that is waited on for ``timeout`` seconds.
"""

from __future__ import annotations

import socket
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

TIMEOUT = 3.0


def _addresses(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def socket_problem(host: str, port: int, timeout: float = TIMEOUT) -> str | None:
    """None when ``host`` resolves and one of its addresses accepts TCP on ``port``."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="resolve")
    try:
        addresses = pool.submit(_addresses, host, port).result(timeout=timeout)
    except FutureTimeout:
        return f"{host} did not resolve within {timeout:g} s from this machine"
    except (socket.gaierror, UnicodeError) as exc:
        return f"{host} does not resolve from this machine ({exc})"
    finally:
        pool.shutdown(wait=False)
    errors = []
    for address in addresses:
        try:
            with socket.create_connection((address, port), timeout=timeout):
                return None
        except OSError as exc:
            errors.append(f"{address}: {exc.strerror or type(exc).__name__}")
    return (f"{host} resolves ({', '.join(addresses)}) but TCP {port} does not connect "
            f"within {timeout:g} s ({'; '.join(errors)})")
