"""``k8slab import``: typed Python classes generated from CustomResourceDefinitions.

``read`` finds the CRDs in files, ``names`` spells Python names, ``schema`` turns a version's
schema into classes and fields, ``emit`` writes one module per API group, and ``write``
puts the modules on disk without touching any file k8slab did not write.
"""

from .emit import generate
from .read import CrdSource, read_crds
from .write import write_modules

__all__ = ["CrdSource", "generate", "read_crds", "write_modules"]
