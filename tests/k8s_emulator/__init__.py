"""A small Kubernetes API emulator over real HTTP (127.0.0.1 only), for k8slab's apply tests.

Why not kmock: its KubernetesEmulator answers 404 to a PATCH of a missing object, ignores
label and field selectors, keeps no resourceVersion, generation or managedFields, has no dry
run, and runs on aiohttp in an event loop. Server-side apply needs all of those; extending it
would mean replacing most of its request handling, so this one is written for the job.
"""

from .handler import TOKEN
from .server import Emulator, Fault, Request, ready_status
from .store import ApiError

__all__ = ["TOKEN", "ApiError", "Emulator", "Fault", "Request", "ready_status"]
