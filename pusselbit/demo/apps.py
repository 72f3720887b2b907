from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "pusselbit.demo"
    verbose_name = "Demo"
