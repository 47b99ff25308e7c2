# Guides with review dates, owners and change histories (tests/test_review*.py). Build it
# with SOURCE_DATE_EPOCH set: what a page shows depends on the day.
extensions = ["service_manual"]
service_manual_default_owner = {"name": "Manual team", "url": "mailto:manual@example.org"}
service_manual_feedback = "https://issues.example.org/new?title={title}&body={url}"
