-- The contacts store, as a new store is made (contacts.migrations.create). Its history, and how an
-- older store is brought here, is in contacts/migrations.py; the views are in views.sql.
-- schema_version says which layout a file holds.
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS actors (
    id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    country VARCHAR, aliases VARCHAR[], origin VARCHAR NOT NULL DEFAULT 'kb');

CREATE TABLE IF NOT EXISTS roles (
    actor VARCHAR NOT NULL, office VARCHAR NOT NULL, title VARCHAR, country VARCHAR NOT NULL,
    start_date DATE, end_date DATE);

-- Which state or organisation each actor stands for, and when (contacts.kb.affiliation).
CREATE TABLE IF NOT EXISTS affiliations (
    actor VARCHAR NOT NULL, country VARCHAR NOT NULL, start_date DATE, end_date DATE);

-- Actors the user added to this store (contacts actors add): [[person]] entries as JSON.
CREATE TABLE IF NOT EXISTS user_actors (name VARCHAR PRIMARY KEY, entry VARCHAR NOT NULL);

-- Facts about the store itself, such as the digest of the knowledge base it holds.
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

-- Provenance: where each row came from. `origin` is 'extracted' (read from an article by the
-- extractor) or the name of the dataset a record was imported from ('state-department', 'gdelt' …;
-- contacts.imports). An imported record is stored as an article of its dataset, and its contacts
-- as mentions that keep the record's own id. A contact keeps every origin of its mentions
-- (`where origin = 'state-department'`).
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, path VARCHAR, title VARCHAR, source VARCHAR,
    url VARCHAR, published DATE, text VARCHAR NOT NULL, ingested_at TIMESTAMP NOT NULL,
    extractor_version VARCHAR NOT NULL,
    origin VARCHAR DEFAULT 'extracted');

-- One extracted contact in one article (after merging within the article).
-- Its id is unique by construction, and not a key: DuckDB keeps a key's index in memory
-- and rewrites its changed blocks at each checkpoint (contacts.store, _INDEXES).
CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR NOT NULL,                -- <article id>:<n>, stable across re-ingests
    article VARCHAR NOT NULL, sentence INTEGER, span_start INTEGER, span_end INTEGER,
    who VARCHAR NOT NULL, whom VARCHAR NOT NULL, mode VARCHAR NOT NULL, directed BOOLEAN NOT NULL,
    date_start DATE, date_end DATE, precision VARCHAR NOT NULL, status VARCHAR NOT NULL,
    location VARCHAR, evidence VARCHAR NOT NULL,
    grp UBIGINT,                        -- the fusion group (contacts.fusion.group_sql), hashed
    origin VARCHAR DEFAULT 'extracted',
    record VARCHAR);                    -- the dataset's own id of an imported record

-- Every sentence behind a mention (a mention merged from several sentences has several).
CREATE TABLE IF NOT EXISTS evidence (
    mention VARCHAR NOT NULL, sentence INTEGER, span_start INTEGER, span_end INTEGER, text VARCHAR NOT NULL);

-- Fused events: one row per real-world encounter, however many articles report it.
-- `evidence` (the first mention's sentence) and `sources` (its articles' outlets, lower
-- case) repeat what contact_sources leads to, so that listing contacts and filtering by
-- outlet touch only this table: at 10M contacts the joins cost seconds a query.
CREATE TABLE IF NOT EXISTS contacts (
    id VARCHAR PRIMARY KEY, who VARCHAR NOT NULL, whom VARCHAR NOT NULL, mode VARCHAR NOT NULL,
    directed BOOLEAN NOT NULL, date_start DATE, date_end DATE, precision VARCHAR NOT NULL,
    status VARCHAR NOT NULL, location VARCHAR, n_sources INTEGER NOT NULL,
    evidence VARCHAR, sources VARCHAR[], origins VARCHAR[]);

CREATE TABLE IF NOT EXISTS contact_sources (contact VARCHAR NOT NULL, mention VARCHAR NOT NULL);

-- A tally's id is <article id>:t<n>, unique as mentions' ids are.
CREATE TABLE IF NOT EXISTS tallies (
    id VARCHAR NOT NULL, article VARCHAR NOT NULL, who VARCHAR NOT NULL, whom VARCHAR NOT NULL,
    mode VARCHAR NOT NULL, count INTEGER NOT NULL, since DATE, until DATE, evidence VARCHAR NOT NULL);

-- A researcher's corrections (contacts.corrections).
-- One row per decision (accept, reject, fix, add), keyed by what re-extraction keeps: the
-- article's id and the evidence sentence, with the actors and mode as first extracted. `target`
-- is the mention it applied to when its article was last stored; NULL: stale (contacts review --stale).
CREATE TABLE IF NOT EXISTS corrections (
    id VARCHAR PRIMARY KEY, action VARCHAR NOT NULL, article VARCHAR NOT NULL, sentence VARCHAR,
    who VARCHAR, whom VARCHAR, mode VARCHAR, field VARCHAR, value VARCHAR, details VARCHAR,
    author VARCHAR NOT NULL, made_at TIMESTAMP NOT NULL, note VARCHAR, target VARCHAR);
-- What the decisions made of each stored mention: accepted, corrected or manual (added by hand).
CREATE TABLE IF NOT EXISTS reviews (article VARCHAR NOT NULL, mention VARCHAR NOT NULL, review VARCHAR NOT NULL);

-- Stable contact ids (contacts.lineage).
-- A contact id once shown keeps resolving: when fusion retires an id (contacts merged, split,
-- re-founded by a more precise report, or left without sources), the id is kept here with
-- the contact that took it over (NULL: none did). `contact` is always a live contact's id.
CREATE TABLE IF NOT EXISTS contact_aliases (
    id VARCHAR NOT NULL, contact VARCHAR, how VARCHAR NOT NULL, retired_at TIMESTAMP NOT NULL);
