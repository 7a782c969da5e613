from django.core.management.base import BaseCommand
from wagtail.models import Page

from content_models.demo.loader import demo_admin_user, load_demo


class Command(BaseCommand):
    help = "Create whatever part of the demo site (kk, ru, en) is missing, never changing what exists, and make sure an admin user exists."

    def add_arguments(self, parser):
        parser.add_argument("--no-books", action="store_true", help="build the site tree without importing the sample book list")

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1
        load_demo(log=(lambda message: self.stderr.write(message)) if verbose else (lambda message: None), books=not options["no_books"])
        username, generated_password = demo_admin_user()
        if generated_password:
            self.stdout.write(f"Admin user created: {username} / {generated_password} (change it after logging in)")
        self.stdout.write(f"Demo content ready: {Page.objects.filter(depth__gt=1).count()} pages.")
