"""The target groups "Lär av andra" filters by.

An initiative's target groups are free text, written as each region words them
(Initiative.target_groups, EffectMeasure.target_group), and no national list of them exists:
the agreements name directions, not groups, and the action plans word their goals per group
in their own way ("Mål 3:2 för vuxna", "för barn och unga"). A free-text filter would make a
reader guess each region's wording, and the full-text search over everything would find "äldre"
in a background paragraph. So the filter offers a fixed list of the groups the agreements and
the plans speak of, each found by the words (or parts of words: Swedish writes compounds as one)
its texts use, in the target-group texts only ("unga" finds "Unga vuxna 18–25 år"; "elever"
finds "gymnasieelever"; "föräld" finds "föräldrar" and "förälder"; not "elev", which "relevanta"
holds). A group's words are lower case; the match folds the texts' case."""

from django.utils.translation import gettext_lazy as _

# key (the address's value): (label, words or parts of words)
TARGET_GROUPS = {
    "barn-och-unga": (
        _("Children and young people"),
        ("barn", "unga", "ungdom", "elever", "tonår", "skolålder"),
    ),
    "unga-vuxna": (_("Young adults"), ("unga vuxna", "studerande", "student")),
    "vuxna": (_("Adults"), ("vuxna", "vuxen")),
    "aldre": (_("Older people"), ("äldre", "pensionär", "senior")),
    "samsjuklighet": (
        _("People with addiction or co-morbidity"),
        ("missbruk", "beroende", "samsjuklig", "substansbruk"),
    ),
    "psykisk-ohalsa": (
        _("People with mental illness or a psychiatric disability"),
        ("psykisk sjukdom", "psykiatrisk", "funktionsnedsättning", "psykisk ohälsa"),
    ),
    "suicid": (
        _("People at risk of suicide, and the bereaved"),
        ("suicid", "självmord", "självskad", "efterlevande"),
    ),
    "anhoriga": (_("Relatives and parents"), ("anhörig", "närstående", "föräld")),
    "nyanlanda": (
        _("Newly arrived and refugees"),
        ("nyanländ", "asylsök", "flykting", "ensamkommande"),
    ),
    "personal": (
        _("Staff and managers"),
        ("personal", "medarbetare", "anställd", "chef", "yrkesverksam", "professionella"),
    ),
}


def choices() -> list[tuple[str, str]]:
    return [(key, label) for key, (label, _words) in TARGET_GROUPS.items()]


def words(key: str) -> tuple[str, ...]:
    """The words of the group `key` (a valid choice), for public.results.Filters."""
    return TARGET_GROUPS[key][1]
