"""Loading a module written by `convspec export --to pytorch`, for the comparison scripts."""

import importlib.util
import sys


def load_export(path, network=None):
    """(name, instance) of the network class `network` of the exported file; its only one when None."""
    spec = importlib.util.spec_from_file_location("convspec_export", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    networks = module.NETWORKS
    if network is None:
        if len(networks) != 1:
            sys.exit(f"{path} defines {len(networks)} networks ({', '.join(networks)}): pass --network")
        network = next(iter(networks))
    if network not in networks:
        sys.exit(f"{path} has no network {network!r} (it has {', '.join(networks)})")
    return network, networks[network]()
