"""One module per ``k8slab`` subcommand.

Each module defines ``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``;
``k8slab.cli`` discovers them, so a new command is a new module here and nothing else.
"""
