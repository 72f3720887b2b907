"""The directions of ÖK 2020 (Dalarna seed) and the government's five priority areas."""

DIRECTIONS = [
    # code, scope, Swedish, English
    (
        "samsjuklighet",
        "county_joint",
        "Stärka samverkan kring personer med samsjuklighet",
        "Collaboration for people with co-morbidity",
    ),
    ("brukarmedverkan", "county_joint", "Stärka brukarmedverkan", "User involvement"),
    (
        "suicidprevention",
        "county_joint",
        "Stärka det suicidpreventiva arbetet",
        "Suicide prevention",
    ),
    (
        "ungdomsmottagningar",
        "county_joint",
        "Ungdomsmottagningarnas arbete med psykisk hälsa",
        "Youth clinics",
    ),
    (
        "handlingsplaner",
        "municipal",
        "Utvecklingsinsatser utifrån handlingsplaner",
        "Development per action plans",
    ),
    (
        "kunskapsbaserad-vard",
        "municipal",
        "Kunskapsbaserad och säker hälso- och sjukvård och socialtjänst",
        "Knowledge-based and safe health care and social services",
    ),
]

PRIORITY_AREAS = [
    ("forebyggande", "Förebyggande och främjande arbete", "Preventive and promotive work"),
    ("tidiga-insatser", "Tillgängliga tidiga insatser", "Accessible early interventions"),
    (
        "delaktighet",
        "Enskildas delaktighet och rättigheter",
        "Individuals' participation and rights",
    ),
    ("utsatta-grupper", "Utsatta grupper", "Vulnerable groups"),
    ("ledning", "Ledning, styrning och organisation", "Leadership, governance and organisation"),
]


def load(direction_model, priority_area_model) -> None:
    """Create the rows that are missing; rows a region has renamed are left as they are."""
    for order, (code, scope, name, name_en) in enumerate(DIRECTIONS):
        direction_model.objects.get_or_create(
            code=code, defaults={"scope": scope, "name": name, "name_en": name_en, "order": order}
        )
    for order, (code, name, name_en) in enumerate(PRIORITY_AREAS):
        priority_area_model.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "order": order}
        )
