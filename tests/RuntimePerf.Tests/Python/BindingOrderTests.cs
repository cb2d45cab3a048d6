using RuntimePerf.Languages.Common;
using Xunit;

namespace RuntimePerf.Tests.Python
{
    /// <summary>Kinds of names followed in source order: what the typed-receiver detection of RP0001 reads.</summary>
    public class BindingOrderTests
    {
        [Fact]
        public void A_rebinding_ends_a_kind_where_it_takes_effect_and_a_later_one_restores_it()
        {
            var scope = new Scope();
            scope.Bind("f", "file", 10, from: 20);   // f = open(p)        (takes effect after its value)
            scope.Bind("f", null, 40, from: 60);     // f = io.StringIO(…)
            scope.Bind("f", "file", 80, from: 90);   // f: io.TextIOWrapper = …

            Assert.Equal("file", scope.KindAt("f", 5));    // read before any binding: the first one (a global read by an earlier def)
            Assert.Equal("file", scope.KindAt("f", 30));
            Assert.Equal("file", scope.KindAt("f", 50));   // inside the rebinding's own value: still the old f
            Assert.Null(scope.KindAt("f", 70));
            Assert.Equal("file", scope.KindAt("f", 95));
            Assert.Null(scope.KindOf("f"));                // flow-insensitive view: the bindings disagree
            Assert.Null(scope.KindAt("g", 95));
        }

        [Fact]
        public void A_name_bound_once_keeps_its_kind_everywhere()
        {
            var scope = new Scope();
            scope.Bind("client", "httpx.Client", 100);
            Assert.Equal("httpx.Client", scope.KindAt("client", 0));
            Assert.Equal("httpx.Client", scope.KindAt("client", 500));
            Assert.Equal("httpx.Client", scope.KindOf("client"));
        }
    }
}
