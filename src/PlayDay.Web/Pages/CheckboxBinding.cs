using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PlayDay.Web.Pages;

/// <summary>
/// Binds yes/no form fields (checkboxes) so that a value no browser sends ("Europe/Berlin" for a
/// checkbox) is a field error, not a crash: the framework's own binder keeps such a value as the
/// field's "attempted value", and the checkbox tag helper then throws while re-rendering the form.
/// </summary>
public sealed class CheckboxBinding : IModelBinderProvider, IModelBinder
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(bool) && context.BindingInfo.BindingSource != BindingSource.Body ? this : null;

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }
        // A checked box sends "true" (ASP.NET's hidden "false" follows it); "on" is what a plain checkbox sends.
        var value = result.FirstValue?.Trim();
        bool? parsed = value?.ToUpperInvariant() switch
        {
            "TRUE" or "ON" or "1" => true,
            "FALSE" or "OFF" or "0" or "" => false,
            _ => null,
        };
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, parsed ?? false, (parsed ?? false) ? "true" : "false");
        if (parsed is null)
        {
            // Said at the top of the form: checkboxes have no message slot of their own.
            bindingContext.ModelState.TryAddModelError(string.Empty, "This box is either ticked or not; send the form again from the page.");
            bindingContext.Result = ModelBindingResult.Failed();
            return Task.CompletedTask;
        }
        bindingContext.Result = ModelBindingResult.Success(parsed.Value);
        return Task.CompletedTask;
    }
}
