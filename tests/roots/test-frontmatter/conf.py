extensions = ["service_manual"]

# This root is about reading front matter; it has no index pages for the roles and phases
# its pages name, which is not what it tests.
suppress_warnings = ["service_manual.index"]
