from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("e-post/", views.set_delivery, name="set_delivery"),
    path("last/", views.mark_read, name="mark_read"),
    path("alla-lasta/", views.mark_all_read, name="mark_all_read"),
]
