"""Live preview: sphinx-autobuild with builds that start warm.

``make livehtml`` runs ``python -m live_preview``, which is sphinx-autobuild (it watches the
folders, serves the site and tells the browser to reload) with one change: how a build is
run. sphinx-autobuild starts a new ``sphinx-build`` process for every change, so that nothing
one build does can reach the next; every save then pays for importing Sphinx, MyST and the
extensions again, and for setting up the application, before any page is read.

Here the same guarantee comes from ``os.fork``:

- ``server``: sphinx-autobuild's watcher, server and reload, with a :class:`~.server.WarmBuilder`
  that hands each build to the warm process instead of starting ``sphinx-build``;
- ``warm``: a long-lived process that imports Sphinx, MyST, docutils, Jinja and the modules
  earlier builds imported, and never builds anything itself. For each build it forks a child,
  which is a fresh copy of that clean state;
- ``standby``: the child. It is forked as soon as the previous build has finished, and sets up
  the Sphinx application as ``sphinx-build`` would (configuration, extensions, the pickled
  environment, the templates the last build used), then waits. When a file is saved it checks
  that nothing it has read since has changed and builds, or, if something has (``conf.py``, a
  template, an extension), leaves the build to a child that starts from the warm process. Each
  child builds once and exits.

No build runs in a process that another build ran in, so a module-level side effect in a
``conf.py`` or an extension is gone with the child that made it. When a module the warm
process imported changes on disk, it is restarted.
"""
