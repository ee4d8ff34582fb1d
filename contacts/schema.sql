-- The contacts store. schema_version says which layout a file holds.
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

CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, path VARCHAR, title VARCHAR, source VARCHAR,
    url VARCHAR, published DATE, text VARCHAR NOT NULL, ingested_at TIMESTAMP NOT NULL,
    extractor_version VARCHAR NOT NULL);

-- One extracted contact in one article (after merging within the article).
-- Its id is unique by construction, and not a key: DuckDB keeps a key's index in memory
-- and rewrites its changed blocks at each checkpoint (contacts.store, _INDEXES).
CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR NOT NULL,                -- <article id>:<n>, stable across re-ingests
    article VARCHAR NOT NULL, sentence INTEGER, span_start INTEGER, span_end INTEGER,
    who VARCHAR NOT NULL, whom VARCHAR NOT NULL, mode VARCHAR NOT NULL, directed BOOLEAN NOT NULL,
    date_start DATE, date_end DATE, precision VARCHAR NOT NULL, status VARCHAR NOT NULL,
    location VARCHAR, evidence VARCHAR NOT NULL,
    grp UBIGINT);                       -- the fusion group (contacts.fusion.group_sql), hashed

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
    evidence VARCHAR, sources VARCHAR[]);
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS evidence VARCHAR;      -- stores of schema 3
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS sources VARCHAR[];

CREATE TABLE IF NOT EXISTS contact_sources (contact VARCHAR NOT NULL, mention VARCHAR NOT NULL);

-- A tally's id is <article id>:t<n>, unique as mentions' ids are.
CREATE TABLE IF NOT EXISTS tallies (
    id VARCHAR NOT NULL, article VARCHAR NOT NULL, who VARCHAR NOT NULL, whom VARCHAR NOT NULL,
    mode VARCHAR NOT NULL, count INTEGER NOT NULL, since DATE, until DATE, evidence VARCHAR NOT NULL);

-- ==== Migration 8, "provenance" (issue 21) ========================================
-- Where each row came from: `origin` is 'extracted' (read from an article by the extractor)
-- or the name of the dataset a record was imported from ('state-department', 'gdelt' …;
-- contacts.imports). An imported record is stored as an article of its dataset, and its
-- contacts as mentions that keep the record's own id. A contact keeps every origin of its
-- mentions (`where origin = 'state-department'`). New stores get these columns here too,
-- so every store has them in the same place; DEFAULT fills the rows of older stores.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS origin VARCHAR DEFAULT 'extracted';
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS origin VARCHAR DEFAULT 'extracted';
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS record VARCHAR;     -- the dataset's own id of the record
-- A list DEFAULT would be kept as an expression in the write-ahead log, which DuckDB cannot
-- replay without autoloading an extension (list_value): a store killed in its first ingest
-- could not be opened again. The UPDATE is logged as its values.
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS origins VARCHAR[];
UPDATE contacts SET origins = ['extracted'] WHERE origins IS NULL;
-- ==== end of migration 8 ===========================================================

-- The design card's five columns, for people who just want to look, with the status
-- (occurred or planned: queries count what occurred) and the origin. `source` lists the
-- outlets of the articles that report the contact, an article without one by its file's
-- name: the meaning `where source = …` and `by source` give it (contacts.store._OUTLET).
CREATE OR REPLACE VIEW contact_view AS
SELECT c.id, w.name AS who, m.name AS whom, c.mode,
       CASE c.precision WHEN 'day' THEN strftime(c.date_start, '%Y-%m-%d')
                        WHEN 'month' THEN strftime(c.date_start, '%Y-%m')
                        WHEN 'year' THEN strftime(c.date_start, '%Y') END AS date,
       c.status,
       (SELECT string_agg(DISTINCT coalesce(a.source, a.name), ', ' ORDER BY coalesce(a.source, a.name))
          FROM contact_sources s JOIN mentions mm ON mm.id = s.mention JOIN articles a ON a.id = mm.article
         WHERE s.contact = c.id) AS source,
       array_to_string(c.origins, ', ') AS origin
FROM contacts c JOIN actors w ON w.id = c.who JOIN actors m ON m.id = c.whom;

-- ---- schema 7: a researcher's corrections (contacts.corrections) -------------------------------
-- One row per decision (accept, reject, fix, add), keyed by what re-extraction keeps: the
-- article's id and the evidence sentence, with the actors and mode as first extracted. `target`
-- is the mention it applied to when its article was last stored; NULL: stale (contacts review --stale).
CREATE TABLE IF NOT EXISTS corrections (
    id VARCHAR PRIMARY KEY, action VARCHAR NOT NULL, article VARCHAR NOT NULL, sentence VARCHAR,
    who VARCHAR, whom VARCHAR, mode VARCHAR, field VARCHAR, value VARCHAR, details VARCHAR,
    author VARCHAR NOT NULL, made_at TIMESTAMP NOT NULL, note VARCHAR, target VARCHAR);
-- What the decisions made of each stored mention: accepted, corrected or manual (added by hand).
CREATE TABLE IF NOT EXISTS reviews (article VARCHAR NOT NULL, mention VARCHAR NOT NULL, review VARCHAR NOT NULL);
-- ---- end of schema 7 ----------------------------------------------------------------------------

-- ---- schema 10, migration "contact_aliases" (fusion: stable contact ids, contacts.lineage) ----
-- A contact id once shown keeps resolving: when fusion retires an id (contacts merged, split,
-- re-founded by a more precise report, or left without sources), the id is kept here with
-- the contact that took it over (NULL: none did). `contact` is always a live contact's id.
CREATE TABLE IF NOT EXISTS contact_aliases (
    id VARCHAR NOT NULL, contact VARCHAR, how VARCHAR NOT NULL, retired_at TIMESTAMP NOT NULL);
-- ---- end of schema 10 ----
