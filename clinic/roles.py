"""
Staff roles. Each group gets exactly the permissions listed here; leads are never
given to Editors.
"""

ROLE_PERMISSIONS = {
    "Editors": {
        "articles.post": ["add", "change", "delete", "view"],
        "articles.topic": ["add", "change", "delete", "view"],
        "articles.reviewer": ["add", "change", "delete", "view"],
        "articles.bodyimage": ["add", "change", "delete", "view"],
        "checker.ruleset": ["add", "change", "delete", "view"],
        "checker.checkeroption": ["add", "change", "delete", "view"],
        "checker.checkerrule": ["add", "change", "delete", "view"],
    },
    "Front desk": {
        "leads.lead": ["view", "change"],
        "leads.leadevent": ["add", "view"],
        "leads.callclick": ["view"],
    },
}
EDITORS = "Editors"
FRONT_DESK = "Front desk"


def sync_roles(apps, roles=None):
    """Create the groups and set their permissions (idempotent).

    `apps` is a migration's app registry or `django.apps.apps`.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
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
                        codename=f"{action}_{model_name}",
                    )
                )
        group.permissions.set(wanted)
