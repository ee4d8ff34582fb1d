"""A store whose process died before its first checkpoint opens again: DuckDB replays its
write-ahead log, which must hold nothing it cannot replay without an extension."""

import shutil

import contacts
from contacts import store as store_module


def test_a_new_store_s_log_replays(tmp_path, monkeypatch):
    connect = store_module._connect

    def without_checkpoints(path, read_only):        # everything stays in the log, as after a kill -9
        con = connect(path, read_only)
        con.execute("SET checkpoint_threshold = '10GB'")
        return con
    monkeypatch.setattr(store_module, "_connect", without_checkpoints)
    path = tmp_path / "new.duckdb"
    created = contacts.open(path)
    shutil.copy(path, tmp_path / "copy.duckdb")
    shutil.copy(f"{path}.wal", tmp_path / "copy.duckdb.wal")
    created.close()
    with contacts.open(tmp_path / "copy.duckdb") as replayed:
        assert replayed.check() == [] and replayed.stats()["contacts"] == 0
