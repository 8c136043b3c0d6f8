from .urls_roster import urlpatterns as roster_urls
from .urls_transfers import urlpatterns as transfer_urls

app_name = "members"

# The roster (list, member file, import/export, data quality) and the movements (transfers, mobile
# members) grow separately; both live under /members/.
urlpatterns = roster_urls + transfer_urls
