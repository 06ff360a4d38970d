-- pantau event store (DuckDB). Offsets in spans point into articles.text.
CREATE TABLE IF NOT EXISTS articles (
    doc_id       VARCHAR PRIMARY KEY,
    url          VARCHAR,
    title        VARCHAR,
    publisher    VARCHAR,
    pub_date     DATE,
    language     VARCHAR,
    origin       VARCHAR,
    text         VARCHAR NOT NULL,
    text_sha256  VARCHAR NOT NULL,
    skipped      VARCHAR
);

CREATE TABLE IF NOT EXISTS events (
    event_id        VARCHAR PRIMARY KEY,
    event_date      DATE,
    time_precision  INTEGER CHECK (time_precision IS NULL OR time_precision BETWEEN 1 AND 3),
    event_type      VARCHAR NOT NULL,
    sub_event_type  VARCHAR NOT NULL,
    actor1          VARCHAR NOT NULL,
    inter1          INTEGER NOT NULL CHECK (inter1 BETWEEN 1 AND 8),
    actor2          VARCHAR,
    inter2          INTEGER CHECK (inter2 IS NULL OR inter2 BETWEEN 1 AND 8),
    country         VARCHAR,
    admin1          VARCHAR,
    admin2          VARCHAR,
    location        VARCHAR,
    latitude        DOUBLE,
    longitude       DOUBLE,
    geo_precision   INTEGER CHECK (geo_precision IS NULL OR geo_precision BETWEEN 1 AND 3),
    fatalities      INTEGER NOT NULL DEFAULT 0,
    notes           VARCHAR NOT NULL DEFAULT '',
    confidence      DOUBLE NOT NULL DEFAULT 0.5,
    language        VARCHAR,
    -- sha256 of the event's content: a rerun that yields the same event keeps `updated`.
    digest          VARCHAR NOT NULL,
    -- unix seconds of the run that last changed this event (ACLED's `timestamp`).
    updated         BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS event_sources (
    event_id   VARCHAR NOT NULL,
    doc_id     VARCHAR NOT NULL,
    url        VARCHAR,
    publisher  VARCHAR,
    pub_date   DATE,
    spans      INTEGER[][] NOT NULL,
    PRIMARY KEY (event_id, doc_id)
);

CREATE TABLE IF NOT EXISTS runs (
    id       INTEGER PRIMARY KEY,
    started  TIMESTAMP NOT NULL,
    inputs   VARCHAR[] NOT NULL,
    counts   JSON
);

-- Cross-article merging (docs/merging.md). Added columns and tables only: the tables
-- above keep their columns, so readers of events/event_sources work unchanged.

-- Independent sources of the event (near-duplicate copies counted once).
ALTER TABLE events ADD COLUMN IF NOT EXISTS source_count INTEGER;

-- Per source: which of its reports the event holds, the values that source reported,
-- and the article it copies when it is a near-duplicate.
ALTER TABLE event_sources ADD COLUMN IF NOT EXISTS report_ids VARCHAR[];
ALTER TABLE event_sources ADD COLUMN IF NOT EXISTS reported_date DATE;
ALTER TABLE event_sources ADD COLUMN IF NOT EXISTS reported_sub_event_type VARCHAR;
ALTER TABLE event_sources ADD COLUMN IF NOT EXISTS reported_actor1 VARCHAR;
ALTER TABLE event_sources ADD COLUMN IF NOT EXISTS reported_actor2 VARCHAR;
ALTER TABLE event_sources ADD COLUMN IF NOT EXISTS reported_location VARCHAR;
ALTER TABLE event_sources ADD COLUMN IF NOT EXISTS reported_fatalities INTEGER;
ALTER TABLE event_sources ADD COLUMN IF NOT EXISTS duplicate_of VARCHAR;

-- One row per article's event as extracted (a "report"); event_id is the merged event holding it.
CREATE TABLE IF NOT EXISTS reports (
    report_key      VARCHAR PRIMARY KEY,  -- doc_id || '/' || report_id
    doc_id          VARCHAR NOT NULL,
    report_id       VARCHAR NOT NULL,
    event_id        VARCHAR,
    event_date      DATE,
    time_precision  INTEGER CHECK (time_precision IS NULL OR time_precision BETWEEN 1 AND 3),
    event_type      VARCHAR NOT NULL,
    sub_event_type  VARCHAR NOT NULL,
    actor1          VARCHAR NOT NULL,
    inter1          INTEGER NOT NULL CHECK (inter1 BETWEEN 1 AND 8),
    actor2          VARCHAR,
    inter2          INTEGER CHECK (inter2 IS NULL OR inter2 BETWEEN 1 AND 8),
    country         VARCHAR,
    admin1          VARCHAR,
    admin2          VARCHAR,
    location        VARCHAR,
    latitude        DOUBLE,
    longitude       DOUBLE,
    geo_precision   INTEGER CHECK (geo_precision IS NULL OR geo_precision BETWEEN 1 AND 3),
    fatalities      INTEGER NOT NULL,
    notes           VARCHAR NOT NULL,
    confidence      DOUBLE NOT NULL,
    language        VARCHAR,
    url             VARCHAR,
    publisher       VARCHAR,
    pub_date        DATE,
    spans           INTEGER[][] NOT NULL
);

-- Why two reports of an event were joined: the pair and the rule's reasons.
CREATE TABLE IF NOT EXISTS event_links (
    event_id  VARCHAR NOT NULL,
    report_a  VARCHAR NOT NULL,
    report_b  VARCHAR NOT NULL,
    reason    VARCHAR NOT NULL,
    PRIMARY KEY (event_id, report_a, report_b)
);

-- Analysts' decisions (pantau split / pantau merge); they survive reruns and reprocessing.
-- A report is named by its key and, should reprocessing change its id, by its article and first span.
CREATE TABLE IF NOT EXISTS merge_decisions (
    report_a  VARCHAR NOT NULL,
    report_b  VARCHAR NOT NULL,
    kind      VARCHAR NOT NULL CHECK (kind IN ('merge', 'split')),
    doc_a     VARCHAR NOT NULL,
    start_a   INTEGER,
    doc_b     VARCHAR NOT NULL,
    start_b   INTEGER,
    made      TIMESTAMP NOT NULL,
    PRIMARY KEY (report_a, report_b)
);

-- Near-duplicate articles (datasketch MinHash): signatures, similar pairs, and each
-- duplicate's representative (the earliest article of its group).
CREATE TABLE IF NOT EXISTS article_signatures (
    doc_id    VARCHAR PRIMARY KEY,
    pub_date  DATE,
    minhash   UBIGINT[] NOT NULL
);

CREATE TABLE IF NOT EXISTS near_duplicate_pairs (
    doc_a       VARCHAR NOT NULL,
    doc_b       VARCHAR NOT NULL,
    similarity  DOUBLE NOT NULL,
    PRIMARY KEY (doc_a, doc_b)
);

CREATE TABLE IF NOT EXISTS near_duplicates (
    doc_id        VARCHAR PRIMARY KEY,
    duplicate_of  VARCHAR NOT NULL
);
