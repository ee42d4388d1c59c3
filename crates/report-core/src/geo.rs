//! Map projection: longitude/latitude to the coordinates of the bundled Kazakhstan outline SVG.
