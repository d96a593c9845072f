"""Writes a copy of the Sudan scenario that counts, per region, the days the RSF is dispersed there.

The engine records no dispersal, so this adds to a copy (never to the shipped file) one rule per Sudanese region
counting the days on which the SAF-RSF dyad is at the clashes rung or above, the RSF has forces in the region, does
not hold it, and has less strength there than the army (and Egypt, when at war with it): the test of docs/model.md,
Fighting, read at the end of each day (the engine reads it before the day's losses). Outcomes `o_dd_<region>` are
the days counted, `o_dl_<region>` the last such day (-1 if none). The rules draw no random numbers, so runs of the
copy follow the shipped scenario's runs seed for seed.

    python3 scenarios/sudan-2023/tools/dispersal_rules.py > /tmp/sd-diag.yaml
    sim mc /tmp/sd-diag.yaml --runs 200 --out /tmp/sd-diag-mc --format csv
"""
import pathlib

SCENARIO = pathlib.Path(__file__).resolve().parent.parent / "scenario.yaml"
REGIONS = ("khartoum omdurman bahri merowe atbara dongola port_sudan kassala wad_madani sennar kosti el_obeid "
           "kadugli el_daein nyala el_fasher zalingei el_geneina").split()

text = SCENARIO.read_text()
params = rules = outcomes = ""
for r in REGIONS:
    dispersed = (f"escalation(SAF, RSF) >= 7 and strength(RSF, {r}) > 0 and not controls(RSF, {r}) and "
                 f"strength(RSF, {r}) < strength(SAF, {r}) + if(escalation(EGY, RSF) >= 7, strength(EGY, {r}), 0)")
    params += (f"  - id: dd_{r}\n    value: 0\n    range: [0, 1000]\n    source: count\n"
               f"  - id: dl_{r}\n    value: -1\n    range: [-1, 1000]\n    source: count\n")
    rules += (f"  - id: dispersed_{r}\n    when: \"{dispersed}\"\n    then:\n"
              f"      - param: {{id: dd_{r}, add: 1}}\n      - param: {{id: dl_{r}, set: day}}\n")
    outcomes += f"  - id: o_dd_{r}\n    expr: dd_{r}\n  - id: o_dl_{r}\n    expr: dl_{r}\n"
for key, added in (("parameters:\n", params), ("\nrules:\n", rules), ("\noutcomes:\n", outcomes)):
    assert key in text, key
    text = text.replace(key, key + added, 1)
print(text, end="")
