from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from accounts.models import ApiKey, Project, Team, TeamMembership, User
from accounts.services import api_key_assign_secret, api_key_delete, api_key_revoke, api_key_update


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("full_name",)}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


class MembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]


@admin.register(TeamMembership)
class TeamMembershipAdmin(admin.ModelAdmin):
    list_display = ["team", "user", "role", "created_at"]
    list_filter = ["role"]
    autocomplete_fields = ["team", "user"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "team", "slug", "uuid", "created_at"]
    list_filter = ["team"]
    search_fields = ["name", "slug", "team__name"]
    readonly_fields = ["uuid"]  # the public id every API names the project by
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["team"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "project", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["project__team"]
    search_fields = ["name", "prefix", "project__name"]
    readonly_fields = ["prefix", "created_by", "created_at", "revoked_at", "last_used_at"]
    autocomplete_fields = ["project"]
    actions = ["revoke"]

    def save_model(self, request: HttpRequest, obj: ApiKey, form, change: bool) -> None:
        if change:
            api_key_update(api_key=obj, name=obj.name, expires_at=obj.expires_at)
            return
        obj.created_by = request.user
        raw = api_key_assign_secret(api_key=obj)
        super().save_model(request, obj, form, change)
        messages.warning(
            request,
            f"The new key is {raw} — copy it now: it is shown this once and only its hash is stored.",
        )

    def delete_model(self, request: HttpRequest, obj: ApiKey) -> None:
        api_key_delete(api_key=obj)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for api_key in queryset:
            api_key_delete(api_key=api_key)

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request: HttpRequest, queryset) -> None:
        for api_key in queryset:
            api_key_revoke(api_key=api_key)
        self.message_user(request, f"Revoked {queryset.count()} key(s).")
