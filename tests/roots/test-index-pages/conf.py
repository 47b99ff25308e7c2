extensions = ["service_manual"]

# The header's navigation names pages of this root, so that a page of it can come and go.
service_manual_navigation = [["browse", "Browse guides"], ["phases/discovery", "Phases"]]
