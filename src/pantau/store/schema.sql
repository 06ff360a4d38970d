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
