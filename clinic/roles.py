"""
Staff roles. Each group gets exactly the permissions listed here, again after
every `migrate` (ClinicConfig connects sync_roles to post_migrate); leads are
never given to Editors or Medical reviewers. Editors write and send for review;
only Medical reviewers approve.
"""

ROLE_PERMISSIONS = {
    "Editors": {
        "articles.post": ["add", "change", "delete", "view", "withdraw"],
        "articles.topic": ["add", "change", "delete", "view"],
        "articles.reviewer": ["add", "change", "delete", "view"],
        "articles.approval": ["view"],
        "articles.postevent": ["view"],
        "articles.bodyimage": ["add", "change", "delete", "view"],
        "checker.ruleset": ["add", "change", "delete", "view"],
        "checker.checkeroption": ["add", "change", "delete", "view"],
        "checker.checkerrule": ["add", "change", "delete", "view"],
        "redirects.redirect": ["add", "change", "delete", "view"],
    },
    "Medical reviewers": {
        "articles.post": ["view", "approve", "withdraw"],
        "articles.topic": ["view"],
        "articles.reviewer": ["view"],
        "articles.approval": ["view"],
        "articles.postevent": ["view"],
    },
    # Whoever keeps the clinic's details (offices, phone numbers, hours). Not
    # Editors: a wrong phone number or address sends patients to the wrong place.
    "Clinic details": {
        "locations.location": ["add", "change", "delete", "view"],
        "locations.openinghours": ["add", "change", "delete", "view"],
    },
    # Figures about campaigns, never a lead's details (no permission on leads).
    "Marketing": {
        # Viewing spend includes the campaign report; adding a conversion
        # export is downloading one.
        "campaigns.adspend": ["add", "change", "delete", "view"],
        "campaigns.conversionexport": ["add", "view"],
    },
    "Front desk": {
        "leads.lead": ["view", "change"],
        "leads.leadevent": ["add", "view"],
        "attribution.callclick": ["view"],
        # Teams are kept by superusers; members mark themselves away and back.
        "leads.team": ["view"],
        "leads.teammember": ["view"],
    },
}
CLINIC_DETAILS = "Clinic details"
EDITORS = "Editors"
FRONT_DESK = "Front desk"
MARKETING = "Marketing"
MEDICAL_REVIEWERS = "Medical reviewers"

# Who must pass a second factor before the admin shows anything (read by
# staffauth.services.second_factor_required): staff holding any permission of
# these apps, since a lead's change permission alone shows it, and its history,
# the audit log and teams are leads' too. App labels, so no app is imported.
# A model moving to another app leaves the rule unless that app is listed.
# Not `attribution`: its call and visit counters hold nothing about a person.
SECOND_FACTOR_APPS = ("leads",)
# Conversions sent back to ad platforms carry each booked lead's click id: who
# may download them passes a second factor too.
SECOND_FACTOR_PERMISSIONS = ("campaigns.add_conversionexport",)


def sync_roles(apps, roles=None):
    """Create the groups and set their permissions (idempotent).

    `apps` is a migration's app registry or `django.apps.apps`.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # create_permissions skips an app config without a models module, as a
        # migration's are; the real registry's must keep theirs, or later
        # post_migrate steps (after a test's flush) create no content types.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, models in (roles or ROLE_PERMISSIONS).items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = []
        for model_label, actions in models.items():
            app_label, model_name = model_label.split(".")
            for action in actions:
                wanted.append(
                    Permission.objects.get(
                        content_type__app_label=app_label,
                        content_type__model=model_name,
                        codename=f"{action}_{model_name}",
                    )
                )
        group.permissions.set(wanted)


def sync_roles_after_migrate(**kwargs):
    """post_migrate: the groups match ROLE_PERMISSIONS after every migrate."""
    from django.apps import apps

    sync_roles(apps)
