"""`python -m sozialplanung.graphql.export > schema.graphql` prints the schema's SDL."""

from .schema import build_schema


def sdl() -> str:
    return build_schema().as_str() + "\n"


if __name__ == "__main__":
    print(sdl(), end="")
