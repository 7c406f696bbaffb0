using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PlayDay.Web.Accounts;
using PlayDay.Web.Archive;
using PlayDay.Web.Data;

namespace PlayDay.Web.Pages.Archive;

/// <summary>Organizers restore an exported archive (the backup format) into an archive without share-backs.</summary>
[Authorize(Policy = Roles.Organizer)]
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportModel(PlayDayDbContext db, TimeProvider clock) : PageModel
{
    public const int MaxUploadBytes = 50 * 1024 * 1024;

    [BindProperty]
    [Display(Name = "Archive (.zip exported from PlayDay)")]
    [Required(ErrorMessage = "Choose the .zip file to import.")]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid || Upload is null)
        {
            return Page();
        }
        await using var stream = Upload.OpenReadStream();
        var outcome = await ArchiveImport.ImportAsync(db, stream, clock.GetUtcNow().UtcDateTime);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        TempData["Message"] = $"Imported {outcome.Imported} share-back(s).";
        return RedirectToPage("Index");
    }
}
