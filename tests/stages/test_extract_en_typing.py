"""English event typing by who acted on whom (issue 4, ACLED notes: type confusions).

Each sentence is ours, written to show one coding rule of ACLED's codebook: an armed attack on
unarmed people is violence against civilians, not a battle; unarmed people who turn violent riot;
demonstrators who clash or destroy make a violent demonstration.
"""

from __future__ import annotations

from datetime import date

import pytest

from pantau.records import Article


def _types(pipeline, text: str) -> list[tuple[str, str]]:
    article = Article(doc_id="t", text=text, pub_date=date(2020, 5, 10), language="en")
    return [(e.event_type, e.sub_event_type) for e in pipeline(article).events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # coordinated verbs share their victim: "shot" takes the civilians that "killed" names
        ("On 2 May 2020, unknown fighters shot and killed 3 civilians in Kandahar city.",
         ("Violence against civilians", "Attack")),
        # an attack whose object is a town, with no armed defender named
        ("On 3 May 2020, suspected militants attacked Mocimboa da Praia (Cabo Delgado). No fatalities reported.",
         ("Violence against civilians", "Attack")),
        # the direct object is the victim, not the police of "at a police station"
        ("On 27 April 2020, soldiers assaulted a civilian at a police station in Kupang city.",
         ("Violence against civilians", "Attack")),
        # one unarmed person or a civilian vehicle as the target
        ("On 4 May 2020, gunmen opened fire at an ambulance in Baidoa town (Bay).",
         ("Violence against civilians", "Attack")),
        ("On 4 May 2020, gunmen shot a shopkeeper in Baidoa town (Bay).",
         ("Violence against civilians", "Attack")),
        # people turned violent, also against the police: mob violence
        ("On 5 May 2020, a group of local people attacked two policemen in Patna (Bihar).",
         ("Riots", "Mob violence")),
        # demonstrators clash with the police or destroy property: a violent demonstration
        ("On 6 May 2020, traders held a demonstration in Kano (Kano). Demonstrators clashed with police.",
         ("Riots", "Violent demonstration")),
        ("On 6 May 2020, drivers demonstrated in Kano (Kano). The demonstrators destroyed two police posts.",
         ("Riots", "Violent demonstration")),
        ("On 6 May 2020, youths demonstrated and clashed with police in Kano (Kano).",
         ("Riots", "Violent demonstration")),
        # two unnamed groups of people fighting: mob violence, not a battle of armed groups
        ("On 4 May 2020, two groups clashed over a land dispute in Ballia town (Uttar Pradesh).",
         ("Riots", "Mob violence")),
        # property destroyed by artillery: the weapon types the event
        ("On 5 May 2020, government forces destroyed a rebel depot with artillery fire near Idlib city.",
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        # the convoy is what was attacked, not a movement of troops
        ("On 3 May 2020, militants ambushed an army convoy near Baidoa town (Bay).",
         ("Battles", "Armed clash")),
        # violence during an arrest is coded as the violence
        ("On 3 May 2020, police arrested and tortured a journalist in Kirkuk city.",
         ("Violence against civilians", "Attack")),
        # each day of a continuing sit-in is a protest event
        ("On 3 May 2020, teachers continued their sit-in in front of the governor's office in Kirkuk city.",
         ("Protests", "Peaceful protest")),
        # "5 May 2020" is a date, not the modal "may" (no comma after the year)
        ("On 5 May 2020 workers protested in Tirupati city (Andhra Pradesh).",
         ("Protests", "Peaceful protest")),
        # a gathering "to protest" is the protest; a road blocked by a crowd is one too
        ("On 5 May 2020, dozens of women gathered to protest in Jalalabad city (Nangarhar).",
         ("Protests", "Peaceful protest")),
        ("On 3 May 2020, unpaid workers blocked the national road in Uvira town (Sud-Kivu).",
         ("Protests", "Peaceful protest")),
        # a grievance's duration is no running total of protests
        ("On 29 April 2020, employees staged a protest in Jowai town (Meghalaya) over salaries unpaid for seven months.",
         ("Protests", "Peaceful protest")),
        # what the protesters say happened to them is their grievance, not a report of the act
        ("On 3 May 2020, parents who say their sons were abducted by gunmen continued their sit-in in Kirkuk city.",
         ("Protests", "Peaceful protest")),
    ],
)
def test_en_extract_type_by_who_acted_on_whom(real_pipeline, text: str, expected: tuple[str, str]) -> None:
    assert _types(real_pipeline, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # an accusation is not a report of the act
        "On 8 May 2020, protesters gathered outside a bank in Beirut against the detention of activists accused of attacking it.",
        # "people killed by militants": a participle with its agent; the people are victims, not a mob
        "On 5 May 2020, relatives of people killed by militants protested in Jerusalem city.",
    ],
)
def test_en_extract_protest_stays_a_protest(real_pipeline, text: str) -> None:
    assert _types(real_pipeline, text) == [("Protests", "Peaceful protest")]


def test_en_extract_ban_on_protests_is_no_protest(real_pipeline) -> None:
    """A ban names protests that may not happen (modality), not one that did."""
    text = "On 8 May 2020, the governor extended the ban on marches and protests in Van city for 15 days."
    assert _types(real_pipeline, text) == []


def test_en_extract_protest_actor1_is_the_crowd(real_pipeline) -> None:
    """ACLED's actor1 of a protest is "Protesters (Country)"; an armed group the protesters name
    (here in their grievance) is not who protested."""
    text = "On 3 May 2020, families who say their sons were abducted by the PKK continued their sit-in in Diyarbakir city."
    article = Article(doc_id="t", text=text, pub_date=date(2020, 5, 10), language="en")
    assert [(e.event_type, e.actor1) for e in real_pipeline(article).events] == [("Protests", "Protesters (Turkey)")]


def test_en_extract_number_right_before_the_dead_counts_them(real_pipeline) -> None:
    """"1 killed, three injured": the number before "killed" counts the dead, not the one after it."""
    text = "On 30 April 2020, two groups clashed in Ballia town (Uttar Pradesh). 1 killed, three injured."
    article = Article(doc_id="t", text=text, pub_date=date(2020, 5, 10), language="en")
    assert [e.fatalities for e in real_pipeline(article).events] == [1]


def test_en_extract_gunmen_blocking_a_road_is_no_protest(real_pipeline) -> None:
    text = "On 5 May 2020, unknown gunmen blocked the road near Idlib city and stole a military vehicle."
    assert ("Protests", "Peaceful protest") not in _types(real_pipeline, text)


def test_en_extract_group_told_as_a_persons_own_is_who_acted(real_pipeline) -> None:
    """Issue 4 (session 6): "a woman's kin" are the kin (a crowd: mob violence), not the woman."""
    text = "On 1 May 2020, a man was assaulted by a woman's kin in Pune city (Maharashtra)."
    assert _types(real_pipeline, text) == [("Riots", "Mob violence")]


def test_en_extract_killing_a_policeman_outranks_the_abduction_told_with_it(real_pipeline) -> None:
    """Issue 4 (session 6): an attack word that its victim (state forces) made a battle is as
    specific as the abduction in its clause and comes first: ACLED codes the armed clash. The
    attackers' civilian clothes name no civilians."""
    text = "On 30 April 2020, armed men in civilian clothes killed a policeman and abducted 3 civilians in Bunia (Ituri)."
    article = Article(doc_id="t", text=text, pub_date=date(2020, 5, 10), language="en")
    assert [(e.event_type, e.actor1, e.actor2) for e in real_pipeline(article).events] == [
        ("Battles", "Unidentified Armed Group (Democratic Republic of Congo)", "Police Forces of the Democratic Republic of Congo")
    ]
