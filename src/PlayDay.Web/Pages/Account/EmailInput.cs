using System.ComponentModel.DataAnnotations;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Account;

/// <summary>The one field of the "send me a link" forms.</summary>
public sealed class EmailInput
{
    [Display(Name = "Email address")]
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256, ErrorMessage = "The email address can be at most {1} characters.")]
    [SingleLine]
    public string Email { get; set; } = "";
}
