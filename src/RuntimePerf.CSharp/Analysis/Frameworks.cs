using System;
using Microsoft.CodeAnalysis;

namespace RuntimePerf.CSharp.Analysis
{
    /// <summary><see cref="FrameworkTable"/> resolved against one compilation.</summary>
    internal sealed class Frameworks
    {
        private readonly MemberTable _registrations;
        private readonly MemberTable _offloads;
        private readonly MemberTable _inlineInvokers;
        private readonly TypeSet _controllerBases;
        private readonly TypeSet _controllerAttributes;
        private readonly TypeSet _nonController;
        private readonly TypeSet _nonAction;
        private readonly TypeSet _hubs;
        private readonly TypeSet _pageModels;
        private readonly TypeSet _httpContext;
        private readonly TypeSet _tests;

        public Frameworks(Compilation compilation)
        {
            _registrations = new MemberTable(compilation, FrameworkTable.HandlerRegistrations);
            _offloads = new MemberTable(compilation, FrameworkTable.Offloads);
            _inlineInvokers = new MemberTable(compilation, FrameworkTable.InlineInvokers);
            _controllerBases = new TypeSet(compilation, FrameworkTable.ControllerBases);
            _controllerAttributes = new TypeSet(compilation, FrameworkTable.ControllerAttributes);
            _nonController = new TypeSet(compilation, FrameworkTable.NonControllerAttributes);
            _nonAction = new TypeSet(compilation, FrameworkTable.NonActionAttributes);
            _hubs = new TypeSet(compilation, FrameworkTable.HubBases);
            _pageModels = new TypeSet(compilation, FrameworkTable.PageModelBases);
            _httpContext = new TypeSet(compilation, FrameworkTable.HttpContext);
            _tests = new TypeSet(compilation, FrameworkTable.TestAttributes);
        }

        /// <summary><c>app.MapGet(…, handler)</c>, <c>app.Use(…)</c>: the delegate argument serves requests.</summary>
        public bool IsHandlerRegistration(IMethodSymbol method)
        {
            var m = method.ReducedFrom ?? method;
            return m.IsExtensionMethod && m.Parameters.Length > 0 && _registrations.Contains(m.Parameters[0].Type, m.Name);
        }

        /// <summary>Whether the compilation references a type that registers endpoints at all.</summary>
        public bool CanRegisterHandlers => !_registrations.IsEmpty;

        /// <summary><c>Task.Run(…)</c>, <c>new Thread(…)</c>…: the delegate argument runs on another thread.</summary>
        public bool IsOffload(IMethodSymbol method) => _offloads.Contains(method);

        /// <summary><c>list.ForEach(…)</c>, <c>Array.ForEach(…)</c>: the delegate argument runs on the caller's thread before the call returns.</summary>
        public bool IsInlineInvoker(IMethodSymbol method) => _inlineInvokers.Contains(method);

        /// <summary>Controller actions, hub methods, middleware entry points and Razor page handlers.</summary>
        public bool IsHandlerMethod(IMethodSymbol m)
        {
            if (m.MethodKind != MethodKind.Ordinary || m.IsStatic || m.DeclaredAccessibility != Accessibility.Public) return false;
            var type = m.ContainingType;
            if (IsMiddlewareEntry(m)) return true;
            if (_hubs.ContainsSelfOrBase(type.BaseType)) return m.Name != "Dispose";
            if (_pageModels.ContainsSelfOrBase(type.BaseType)) return IsPageHandlerName(m.Name);
            return IsController(type) && IsAction(m);
        }

        /// <summary>Controllers, hubs and Razor page models: the framework builds one per request (per hub call).</summary>
        public bool IsPerRequestType(INamedTypeSymbol type) =>
            IsController(type) || _hubs.ContainsSelfOrBase(type.BaseType) || _pageModels.ContainsSelfOrBase(type.BaseType);

        public bool IsTest(IMethodSymbol m) => HasAttribute(m, _tests) || HasAttribute(m.ContainingType, _tests);

        private bool IsMiddlewareEntry(IMethodSymbol m) =>
            Array.IndexOf(FrameworkTable.MiddlewareMethods, m.Name) >= 0 && m.Parameters.Length > 0 && _httpContext.Contains(m.Parameters[0].Type);

        private static bool IsPageHandlerName(string name)
        {
            if (!name.StartsWith("On", StringComparison.Ordinal)) return false;
            foreach (string verb in FrameworkTable.PageHandlerVerbs)
            {
                if (string.CompareOrdinal(name, 2, verb, 0, verb.Length) == 0) return true;
            }
            return false;
        }

        // MVC's convention: a public, non-abstract, non-generic class deriving ControllerBase, carrying a controller
        // attribute, or named *Controller; the name alone counts only when MVC is referenced at all.
        private bool IsController(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsGenericType || type.DeclaredAccessibility != Accessibility.Public) return false;
            if (HasAttributeInHierarchy(type, _nonController)) return false;
            return _controllerBases.ContainsSelfOrBase(type)
                || HasAttributeInHierarchy(type, _controllerAttributes)
                || (!_controllerBases.IsEmpty && type.Name.EndsWith("Controller", StringComparison.Ordinal));
        }

        private bool IsAction(IMethodSymbol m)
        {
            if (m.IsGenericMethod || m.IsAbstract || m.Name == "Dispose") return false;
            for (var current = m; current != null; current = current.OverriddenMethod)
            {
                if (HasAttribute(current, _nonAction)) return false;
                if (current.OverriddenMethod == null && current.ContainingType.SpecialType == SpecialType.System_Object) return false;
            }
            return true;
        }

        private static bool HasAttributeInHierarchy(INamedTypeSymbol type, TypeSet attributes)
        {
            for (var t = type; t != null; t = t.BaseType)
            {
                if (HasAttribute(t, attributes)) return true;
            }
            return false;
        }

        private static bool HasAttribute(ISymbol symbol, TypeSet attributes)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attributes.ContainsSelfOrBase(attribute.AttributeClass)) return true;
            }
            return false;
        }
    }
}
