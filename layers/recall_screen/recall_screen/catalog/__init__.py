"""What a recall drop means, and how the published index follows from the drops.

Pure rules, no AWS: the S3 adapter (`recall_screen.aws.index_store`) and the offline command line
(`recall-screen build-index`) both run `processor.DropProcessor` over a `storage.Storage` of their
own, so a file dropped in the bucket and a file given on the command line produce the same
artifact and report.

The rules (issue 3, "Semantics of a drop"):

* A file under `recalls/<source>/` is the complete current list of that source ("list" below).
  The newest file of a source replaces the source's previous list; the index is the union of
  every source's current list. Each source's accepted, normalised recalls are kept as state, so
  a drop of one source never re-parses the files of the others.
* Events arrive at least once and out of order. A replayed event (same key and object version,
  or ETag when the bucket is not versioned) is recognised from a ledger and does nothing. A file
  whose content equals its source's current list builds nothing (outcome `unchanged`). A file
  older than the newest file already seen for its source (by S3 `sequencer` for the same key,
  otherwise by the object's LastModified, then the event time) is `superseded`: it never rolls
  a list back.
* A file the ingest refuses (unparseable, empty, too large, too many invalid records) is
  `rejected` as a whole; the index is untouched. The size limit is checked on the object's
  metadata before its body is read.
* A valid file that would remove too much of its source's current list is `held` (issue 11,
  `guards`): the index is untouched until the same content is uploaded again naming the held
  drop in its metadata.
* Recalls are withdrawn on purpose (`withdrawal`): records marked `"withdrawn": true`, or a whole
  list by `{"withdraw_all": "<source>"}`; outcome `withdrawn`, a new index version. Deleting a
  file does nothing: the builder acts on uploads, and keeps each list's recalls itself.
* The builder's own state is repaired or reported: a corrupt or lost `state/catalog.json` is
  rebuilt from the published pointer and the kept lists (`repair`); when it cannot be, or a kept
  list is gone, every drop is refused with a report and nothing is published. `state/health.json`
  records it (`health`).
* Every drop, whatever its outcome, gets a report at `reports/<source>/<file>.report.json`
  (a replayed event keeps the report it already has).
* Index artifacts are immutable, under `index/<version>/index.json.gz`; the pointer
  `index/current.json` is written last, after the artifact is complete, and records the
  artifact's sha256. The newest N versions are kept, and the current one is never deleted.

The modules, one concern each:

    keys          the key layout of the bucket (or the offline folder), and parsing a drop's key
    storage       `Storage`: what the rules need from a bucket or a folder (objects by key)
    drop          `DropObject`: one version of one dropped file, its identity and its order
    guards        `ListGuards`: how far one drop may shrink a list unconfirmed; the confirmation
    withdrawal    withdrawing recalls or a whole list on purpose
    state         `Catalog`: each source's current list, newest drop seen and held drop; kept recalls
    publishing    the pointer: publishing an index, reading what is published, pruning old versions
    repair        rebuilding a corrupt or lost `state/catalog.json` from what can be trusted
    health        `state/health.json`: the builder's health for `/v1/health` (`read_builder_health`)
    outcome       `Outcome` and `DropResult`: what became of a drop
    reports       every drop's report and its ledger entry (replay detection)
    processor     `DropProcessor`: one drop (or several) -> outcome, state, new index, report
"""
