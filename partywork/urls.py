from django.contrib import admin
from django.urls import include, path

from branches.urls import auth_urlpatterns
from branches.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    *auth_urlpatterns,
    path("", include("branches.urls")),
    path("notices/", include("notices.urls")),
    path("admin/", admin.site.urls),
]
