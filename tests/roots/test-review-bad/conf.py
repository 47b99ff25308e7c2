# Review keys and settings a writer or a developer got wrong (tests/test_review_bad.py).
extensions = ["service_manual"]

service_manual_default_owner = {"name": "Manual team", "url": "ftp://example.org/team"}
service_manual_default_review_in = "a while"
service_manual_review_due_within = -3
service_manual_feedback = "http://issues.example.org/new?title={title}&page={page}"
service_manual_repository_url = "https://example.org/git/manual"
