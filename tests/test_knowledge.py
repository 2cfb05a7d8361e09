"""Every knowledge file loads and is consistent with the taxonomy."""

import json
import re

import pytest

from conflictatlas.knowledge import DATA_FILES, cues, load_json, rules, taxonomy


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_loads(name):
    assert load_json(name)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_rules_name_real_sub_types(language):
    sub_types = load_json("taxonomy.json")["sub_event_types"]
    for rule in rules(language):
        assert rule.sub_event_type in sub_types or rule.sub_event_type in {"@violence", "@territory"}
        assert rule.patterns


def test_all_25_sub_types_are_reachable_in_english():
    sub_types = set(load_json("taxonomy.json")["sub_event_types"])
    reachable = {r.sub_event_type for r in rules("en")}
    reachable |= {
        "Attack",
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    }
    assert sub_types <= reachable
    assert len(sub_types) == 25


def test_taxonomy_gives_types():
    assert taxonomy("Suicide bomb") == ("Explosions/Remote violence", "Political violence")


def test_cues_compile():
    assert all(isinstance(p, re.Pattern) for p in cues("fr")["campaign"])


def test_every_named_actor_has_a_valid_inter_code():
    for actor in load_json("actors.json")["named"]:
        assert actor["inter"] in range(0, 9), actor["name"]
        assert actor["aliases"], actor["name"]


def test_users_can_replace_the_actor_file(tmp_path, monkeypatch):
    from conflictatlas.extraction import actors

    sentence = "Boko Haram fighters attacked Gwoza."
    assert [m.kind for m in actors.find_actors(sentence)] == ["named"]
    custom = tmp_path / "actors.json"
    custom.write_text(json.dumps({**load_json("actors.json"), "named": []}))
    monkeypatch.setenv("CONFLICTATLAS_ACTORS", str(custom))
    actors.reload()
    try:
        assert load_json("actors.json")["named"] == []
        assert all(m.kind != "named" for m in actors.find_actors(sentence))  # a sentence seen before
    finally:
        monkeypatch.delenv("CONFLICTATLAS_ACTORS")
        actors.reload()
