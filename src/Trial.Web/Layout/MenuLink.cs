namespace Trial.Web.Layout;

/// <summary>One entry of the staff menu: where it goes and the page-text key of its label.</summary>
public sealed record MenuLink(string Href, string TextKey);

/// <summary>Who is signed in and the pages their roles may open; null on pages before sign-in.</summary>
public sealed record StaffMenu(string UserName, string RoleTextKey, IReadOnlyList<MenuLink> Links);
