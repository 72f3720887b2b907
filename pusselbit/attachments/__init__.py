"""Files on a case: the idea template an initiator wrote already, a meeting's minutes, an
evaluation report, a signed decision. Stored through Django's storage API (the "attachments"
storage of settings.STORAGES), never served as static or media files: every download passes a
view that asks whether the user may see the case.

This app sits below the apps whose records carry files (initiatives, reporting) and knows them
only generically: a record is a content type and a key, and each app registers its kind of
record with its permission names (registry.register, from its AppConfig.ready)."""
